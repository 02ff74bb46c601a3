// The printable case file (一案一卷): one server-rendered HTML page, no scripts, every value
// escaped (the `html` template below escapes whatever it is given unless it is already markup it
// made itself), Chinese headings, print CSS for A4 with a page break before each section that has
// content. The same page goes into the ZIP export with links to the files next to it.
import type { ActorJson, AttachmentJson, CaseFileJson } from './view.js';

/** Markup made by `html`: interpolating it does not escape it again. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

function piece(value: unknown): string {
  if (value instanceof SafeHtml) return value.value;
  if (value === null || value === undefined || value === false) return '';
  if (Array.isArray(value)) return value.map(piece).join('');
  return escapeHtml(String(value));
}

/** A template tag: the literal parts are markup, every interpolated value is escaped. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0]!;
  values.forEach((v, i) => {
    out += piece(v) + strings[i + 1]!;
  });
  return new SafeHtml(out);
}

/** The policy of the printable page: nothing runs, images only from the same origin (or beside it in the ZIP). */
export const CASE_FILE_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
/** In the ZIP the page is opened from disk, where 'self' means little: scripts stay forbidden. */
const ZIP_CSP = "default-src 'none'; img-src * data:; style-src 'unsafe-inline'; script-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'";

export interface RenderOptions {
  /** where the page links an attachment: the API route, or the file inside the ZIP */
  attachmentHref(a: AttachmentJson): string;
  /** 'served' (GET …/case-file.html) or 'zip' (the page inside the export) */
  mode: 'served' | 'zip';
}

const INLINE_IMAGES = new Set(['image/jpeg', 'image/png', 'image/webp']);

const STYLE = `
@page { size: A4; margin: 18mm 15mm 18mm 15mm; }
* { box-sizing: border-box; }
body { font-family: "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", SimSun, serif; font-size: 10.5pt; line-height: 1.5; color: #111; margin: 0 auto; max-width: 190mm; padding: 8mm 0; }
h1 { font-size: 18pt; text-align: center; margin: 0 0 2mm; }
.subtitle { text-align: center; color: #444; margin: 0 0 6mm; }
h2 { font-size: 13pt; border-bottom: 1.5pt solid #111; padding-bottom: 1mm; margin: 6mm 0 3mm; }
h3 { font-size: 11pt; margin: 4mm 0 2mm; }
table { width: 100%; border-collapse: collapse; margin: 0 0 3mm; }
th, td { border: 0.5pt solid #555; padding: 1.2mm 1.8mm; text-align: left; vertical-align: top; word-break: break-word; }
th { background: #eee; font-weight: bold; }
table.fields th { width: 28mm; }
thead { display: table-header-group; }
tr, figure { break-inside: avoid; page-break-inside: avoid; }
.muted { color: #666; }
.none { color: #666; font-style: italic; }
.detail { font-size: 9pt; color: #333; }
.nowrap { white-space: nowrap; }
code { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: 7.5pt; word-break: break-all; }
table.timeline th:nth-child(1), table.timeline td:nth-child(1) { width: 11mm; text-align: right; white-space: nowrap; }
table.timeline td:nth-child(3) { width: 24mm; }
table.timeline td:nth-child(4) { width: 36mm; }
.text { white-space: pre-wrap; }
figure { margin: 0 0 4mm; }
figure img { max-width: 100%; max-height: 120mm; border: 0.5pt solid #999; }
figcaption { font-size: 9pt; color: #333; }
footer { margin-top: 8mm; font-size: 9pt; color: #444; text-align: right; }
@media print {
  body { padding: 0; max-width: none; }
  section.part { break-before: page; page-break-before: always; }
  section.part:first-of-type, section.part.empty { break-before: auto; page-break-before: auto; }
  a { color: inherit; text-decoration: none; }
}
`;

const dash = '—';
const or = (v: string | number | null | undefined): string | number => (v === null || v === undefined || v === '' ? dash : v);
const time = (t: string | null | undefined): string => (t ? t.slice(0, 16).replace('T', ' ') : dash);
const who = (a: ActorJson | null | undefined): string => (a ? a.display : dash);
const coded = (c: { code: string | null; label: string | null }): string => c.label ?? c.code ?? dash;

function fields(rows: [string, unknown][]): SafeHtml {
  return html`<table class="fields"><tbody>${rows.map(([k, v]) => html`<tr><th>${k}</th><td>${v}</td></tr>`)}</tbody></table>`;
}

function grid(headings: string[], rows: unknown[][], className?: string): SafeHtml {
  return html`<table${className ? html` class="${className}"` : ''}><thead><tr>${headings.map((h) => html`<th>${h}</th>`)}</tr></thead><tbody>${rows.map(
    (r) => html`<tr>${r.map((c) => html`<td>${c}</td>`)}</tr>`,
  )}</tbody></table>`;
}

/** A section; without content it shows 无 and, in print, takes no page of its own. */
function section(title: string, count: number, body: () => SafeHtml): SafeHtml {
  return count === 0
    ? html`<section class="part empty"><h2>${title}</h2><p class="none">无</p></section>`
    : html`<section class="part"><h2>${title}</h2>${body()}</section>`;
}

function humanSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function renderCaseFileHtml(file: CaseFileJson, options: RenderOptions): string {
  const r = file.request;
  const page = html`<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${options.mode === 'zip' ? ZIP_CSP : CASE_FILE_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>一案一卷 · 诉求 ${r.id}</title>
<style>${new SafeHtml(STYLE)}</style>
</head>
<body>
<h1>一案一卷</h1>
<p class="subtitle">诉求编号 ${r.id} · ${r.township.name}${r.village ? html` ${r.village.name}` : ''} · ${r.status.label}</p>

<section class="part">
<h2>一、诉求信息</h2>
${fields([
  ['诉求编号', r.id],
  ['收集渠道', r.channel.label],
  ['诉求内容', html`<span class="text">${r.text}</span>`],
  ['所在地', `${r.township.name}${r.village ? ` ${r.village.name}` : ''}`],
  ['清单类型', coded(r.listType)],
  ['领域', coded(r.domain)],
  ['难易程度', coded(r.difficulty)],
  ['办理层级', coded(r.level)],
  ['责任单位', r.responsibleUnit?.name ?? dash],
  ['办理时限', r.timeLimitDays === null ? dash : `${r.timeLimitDays} 天`],
  ['截止时间', time(r.deadline)],
  ['当前状态', r.status.label],
  ['是否超期', r.overdue ? `已超期(${time(r.overdueAt)})` : '否'],
  ['是否受阻', r.blocked ? `受阻:${[r.blockedKind.label, r.blockedReason].filter((x) => x !== null && x !== '').join(',')}` : '否'],
  ['收到时间', time(r.createdAt)],
  ['办结时间', time(r.closedAt)],
  ['并入主单', or(r.mergedInto)],
  ['录入人', who(r.enteredBy)],
])}
<h3>诉求人</h3>
${file.citizen === null
  ? html`<p class="none">未登记</p>`
  : fields([
      ['姓名', or(file.citizen.name)],
      ['电话', or(file.citizen.phone)],
      ['身份证号', or(file.citizen.idNumber)],
      ['地址', or(file.citizen.address)],
    ])}
<h3>代办</h3>
${file.proxy === null
  ? html`<p class="none">无</p>`
  : fields([
      ['代办人', file.proxy.proxyName],
      ['代办人电话', or(file.proxy.proxyPhone)],
      ['与诉求人关系', file.proxy.relation],
      ['诉求人同意', file.proxy.consentGiven ? `是(${file.proxy.consentMethod.label})` : '否'],
      ['说明', or(file.proxy.consentNote)],
      ['登记人', who(file.proxy.recordedBy)],
      ['登记时间', time(file.proxy.at)],
    ])}
</section>

${section('二、办理过程', file.timeline.length, () =>
  grid(
    ['序号', '时间', '环节', '经办', '内容'],
    file.timeline.map((e, i) => [i + 1, html`<span class="nowrap">${time(e.at)}</span>`, e.label, who(e.actor), html`<span class="detail">${e.summary}</span>`]),
    'timeline',
  ),
)}

${section('三、台账与流转', file.ledger.entries.length + file.ledger.movements.length, () => html`
${grid(
  ['层级', '单位', '建账时间', '关闭时间', '关闭原因'],
  file.ledger.entries.map((e) => [e.level.label, e.unit.name, time(e.openedAt), time(e.closedAt), coded(e.closeReason)]),
)}
${file.ledger.movements.length === 0
  ? ''
  : html`<h3>流转</h3>${grid(
      ['时间', '从', '到', '原因'],
      file.ledger.movements.map((m) => [time(m.movedAt), `${m.fromLevel.label} ${m.fromUnit.name}`, `${m.toLevel.label} ${m.toUnit.name}`, or(m.reason)]),
    )}`}`)}

${section('四、吹哨报到', file.whistles.length, () => html`${file.whistles.map(
  (w) => html`<h3>${w.blownBy.name} 吹哨 · ${time(w.blownAt)} · 报到时限 ${time(w.reportDueAt)}</h3>${grid(
    ['部门', '报到情况', '报到时间', '未报到记录时间'],
    w.departments.map((d) => [d.unit.name, d.stateLabel, time(d.reportedAt), time(d.nonReportRecordedAt)]),
  )}`,
)}`)}

${section('五、阶段性措施', file.stagedMeasures.length, () =>
  grid(['序号', '措施', '完成时限', '完成时间'], file.stagedMeasures.map((m) => [m.seq, m.title, time(m.deadline), time(m.doneAt)])),
)}

${section('六、兜底化解', file.backstopCases.length, () => html`${file.backstopCases.map(
  (c) => html`<h3>${c.id}</h3>${fields([
    ['兜底时间', time(c.enteredAt)],
    ['化解方案', or(c.plan)],
    ['方案时间', time(c.plannedAt)],
    ['化解时间', time(c.resolvedAt)],
    ['化解情况', or(c.resolutionNote)],
  ])}${c.reviews.length === 0 ? '' : grid(['月度调度', '时间', '情况'], c.reviews.map((x) => [`第 ${x.seq} 次`, time(x.reviewedAt), or(x.note)]))}`,
)}`)}

${section('七、退单', file.returns.length, () =>
  grid(
    ['退单单位', '层级', '原因', '说明', '退单时间', '专班审核', '审核意见', '改派至', '审核时间'],
    file.returns.map((x) => [x.unit.name, x.level.label, x.reason.label, or(x.note), time(x.returnedAt), coded(x.decision), or(x.decisionNote), x.redispatchedTo?.name ?? dash, time(x.decidedAt)]),
  ),
)}

${section('八、延期', file.extensions.length, () =>
  grid(
    ['申请单位', '延期天数', '理由', '申请时间', '原截止时间', '审批', '审批意见', '新截止时间', '审批时间'],
    file.extensions.map((x) => [x.unit.name, x.days, x.reason, time(x.requestedAt), time(x.oldDeadline), x.decisionLabel, or(x.decisionNote), time(x.newDeadline), time(x.decidedAt)]),
  ),
)}

${section('九、四方签字', file.signatures.length, () =>
  grid(
    ['轮次', '签字角色', '签字人', '签字方式', '签字时间'],
    file.signatures.map((s) => [s.round, s.role.label, s.signer ? s.signer.display : s.signerName, coded(s.method), time(s.signedAt)]),
  ),
)}

${section('十、回访与重办', file.followUps.length + file.rehandlings.length, () => html`
${file.followUps.length === 0
  ? ''
  : html`<h3>回访</h3>${grid(
      ['轮次', '满意度', '层级', '回访人', '意见', '时间'],
      file.followUps.map((f) => [f.round, f.outcome.label, f.level.label, who(f.askedBy), or(f.note), time(f.at)]),
    )}`}
${file.rehandlings.length === 0
  ? ''
  : html`<h3>重办</h3>${grid(['轮次', '层级', '单位', '原因', '时间'], file.rehandlings.map((x) => [x.round, x.level.label, x.unit?.name ?? dash, or(x.reason), time(x.at)]))}`}`)}

${section('十一、通知', file.notifications.length, () =>
  grid(
    ['时间', '方式', '接收人', '内容', '状态', '尝试次数', '最后错误', '发送时间', '发送通道'],
    file.notifications.map((n) => [
      time(n.createdAt),
      n.channel.label,
      n.recipientName ? `${n.recipientName}(${n.recipient})` : n.recipient,
      n.text,
      n.status.label,
      n.attempts,
      or(n.lastError),
      time(n.sentAt),
      or(n.deliveredVia),
    ]),
  ),
)}

${section('十二、附件', file.attachments.length, () => html`
${grid(
  ['编号', '文件名', '类型', '大小', 'SHA-256', '上传人', '上传时间'],
  file.attachments.map((a) => [a.id, html`<a href="${options.attachmentHref(a)}">${a.fileName}</a>`, html`<span class="nowrap">${a.mediaType}</span>`, html`<span class="nowrap">${humanSize(a.size)}</span>`, html`<code>${a.sha256}</code>`, who(a.uploadedBy), time(a.at)]),
)}
${file.attachments
  .filter((a) => INLINE_IMAGES.has(a.mediaType))
  .map((a) => html`<figure><img src="${options.attachmentHref(a)}" alt="${a.fileName}"><figcaption>附件 ${a.id}:${a.fileName}(${who(a.uploadedBy)},${time(a.at)})</figcaption></figure>`)}`)}

<footer>生成时间 ${time(file.generatedAt)}(北京时间) · 巴州区诉求办理系统</footer>
</body>
</html>
`;
  return page.value;
}
