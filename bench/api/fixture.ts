// A store with many synthetic requests for the search and board benchmarks: Bazhou-like texts over
// four years, spread over the demo district's villages and ~400 more, at every level, with a list
// type, a domain and a deadline, 95% closed (each closed one with its follow-up answer), 5% overdue,
// and 2% of the open ones blocked (funding first).
// Written straight into the tables (they never ran through the engine: they exist only to be
// searched), with their text index, as `createRequest` would index them.
import { textGrams } from '../../domain/similarity.js';
import { domainAreas, listTypes } from '../../domain/index.js';
import type { Store } from '../../store/db.js';

const PHRASES = ['路灯不亮', '道路破损', '污水横流', '自来水停水', '低保申请', '垃圾无人清运', '噪音扰民', '房屋漏雨', '医保报销', '学校接送', '土地流转', '山体滑坡', '电梯故障', '停车难', '工资拖欠', '渠道堵塞', '饮水困难', '养老金', '危房改造', '农田灌溉'];
const FILLERS = ['村民反映', '希望尽快解决', '已经好几天了', '晚上出行不便', '影响生活', '请相关部门处理', '多次反映未果', '三组', '五组', '新居点'];
const DEPARTMENTS = ['water-bureau', 'housing-bureau', 'agriculture-bureau', 'hrss-bureau', 'health-bureau', 'education-bureau', 'transport-bureau', 'civil-affairs-bureau'];
const TOWNSHIPS = ['dingshan', 'huacheng', 'zengkou', 'dongcheng', 'jiangbei'];
const OUTCOMES = ['satisfied', 'satisfied', 'satisfied', 'basically_satisfied', 'unsatisfied', 'no_response'];
const BLOCKED = ['funding', 'funding', 'land', 'policy', 'other'];

function random(seed: number): () => number {
  let s = seed | 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Adds `count` requests (ids `BN…`, apart from the API's `SQ…`) to a store holding the demo organisation. */
export function addSyntheticRequests(store: Store, count: number, log: (line: string) => void): void {
  const sq = store.sqlite;
  const rnd = random(2021);
  const pick = <T>(a: readonly T[]) => a[Math.floor(rnd() * a.length)]!;
  const villages: [string, string][] = (sq.prepare("select parent_id t, id v from org_units where kind in ('village', 'community')").all() as { t: string; v: string }[]).map((r) => [r.t, r.v]);
  const addUnit = sq.prepare("insert or ignore into org_units (id, name, kind, level, parent_id, demo) values (?, ?, 'village', 'village', ?, 1)");
  for (let i = 0; i < 391; i++) {
    const t = TOWNSHIPS[i % TOWNSHIPS.length]!;
    addUnit.run(`${t}-bench-v${i}`, `（演示）村${i}`, t);
    villages.push([t, `${t}-bench-v${i}`]);
  }
  const addRequest = sq.prepare(`insert into requests (id, channel, township_id, village_id, text, level, responsible_unit_id, status, created_at, closed_at, instance_requested_at, overdue_at,
    list_type, domain, time_limit_days, deadline, blocked_kind, blocked_reason, demo)
    values (?, 'door_to_door', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 15, ?, ?, ?, 1)`);
  const addFollowUp = sq.prepare("insert into follow_ups (request_id, round, outcome, level, at) values (?, 1, ?, ?, ?)");
  const addText = sq.prepare('insert into request_text_index (request_id, grams) values (?, ?)');
  const addLedger = sq.prepare('insert into ledger_entries (request_id, level, unit_id, opened_at, closed_at, close_reason) values (?, ?, ?, ?, ?, ?)');
  const start = Date.parse('2021-01-01T00:00:00Z');
  const step = (Date.parse('2024-09-01T00:00:00Z') - start) / count;
  const started = Date.now();
  const batch = sq.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const [township, village] = pick(villages);
      const at = Math.round(start + i * step);
      const id = `BN${String(i).padStart(8, '0')}`;
      const text = `${pick(FILLERS)}${pick(PHRASES)},${pick(FILLERS)}${rnd() < 0.3 ? pick(PHRASES) : ''}`;
      const r = rnd();
      const level = r < 0.45 ? 'village' : r < 0.88 ? 'township' : 'district';
      const unit = level === 'village' ? village : level === 'township' ? township : pick(DEPARTMENTS);
      const closed = rnd() < 0.95;
      const blocked = !closed && rnd() < 0.02 ? pick(BLOCKED) : null;
      addRequest.run(
        id, township, village, text, level, unit, closed ? 'archived' : 'in_progress', at, closed ? at + 10 * 86_400_000 : null, at, rnd() < 0.05 ? at + 20 * 86_400_000 : null,
        pick(listTypes.codes), pick(domainAreas.codes), at + 15 * 86_400_000, blocked, blocked === null ? null : '（演示）受阻原因',
      );
      if (closed) addFollowUp.run(id, pick(OUTCOMES), level, at + 11 * 86_400_000);
      addText.run(id, textGrams(text).join(' '));
      addLedger.run(id, level, unit, at, closed ? at + 10 * 86_400_000 : null, closed ? 'closed' : null);
    }
  });
  for (let from = 0; from < count; from += 50_000) {
    batch(from, Math.min(count, from + 50_000));
    log(`fixture: ${Math.min(count, from + 50_000).toLocaleString('en')} of ${count.toLocaleString('en')} requests (${Math.round((Date.now() - started) / 1000)} s)`);
  }
  sq.exec('analyze');
}
