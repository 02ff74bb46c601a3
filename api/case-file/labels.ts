// Chinese labels for the codes a case file shows. The vocabularies of the domain (channels,
// levels, statuses, ...) label themselves; these are the case file's own: the kinds of step in the
// timeline and the small vocabularies of the store's tables. An unknown code shows as itself.

/** What each kind of case event is called in the timeline. */
export const EVENT_LABELS: Readonly<Record<string, string>> = {
  received: '收到诉求',
  registered: '登记立案',
  screened: '甄别',
  explained_invalid: '无效诉求(已解释)',
  invalid: '无效诉求办结',
  assessed: '研判交办',
  ledger_opened: '建立台账',
  accepted: '受理',
  claimed: '认领任务',
  unclaimed: '退回任务',
  task_completed: '完成任务',
  step_done: '完成环节',
  handled: '办理',
  escalated: '提级办理',
  redispatched: '改派',
  returned: '退单',
  return_decided: '退单审核',
  return_rejected: '退单驳回',
  extension_requested: '申请延期',
  extension_decided: '延期审批',
  extension_approved: '同意延期',
  extension_granted: '同意延期',
  extension_refused: '不同意延期',
  whistle: '吹哨',
  department_reported: '部门报到',
  department_did_not_report: '部门未报到',
  staged_measures_planned: '制定阶段性措施',
  milestone_done: '阶段性措施完成',
  backstop: '转入兜底',
  backstop_entered: '兜底立案',
  backstop_plan: '制定化解方案',
  backstop_review: '月度调度',
  backstop_resolved: '兜底化解',
  deadline_warning: '临期预警',
  overdue: '超期',
  blocked: '标记受阻',
  signed: '签字',
  sign_refused: '拒绝签字',
  signing_code_sent: '发送签字验证码',
  signed_off: '四方签字完成',
  closed: '销号',
  follow_up_asked: '发起回访',
  follow_up: '回访',
  satisfaction: '满意度评价',
  rehandling: '重办',
  merged: '并单',
  merged_into: '并入主单',
  merged_in: '他单并入',
  proxy_recorded: '代办登记',
  attachment_added: '上传附件',
  notified: '通知',
  published: '公开',
  archived: '归档',
  urged: '催办通知',
  supervision_order: '督办单',
  spot_check: '四不两直检查',
  referred_to_discipline: '移交纪委',
  unblocked: '解除受阻',
  open_claim_posted: '公开发榜',
  open_claim_withdrawn: '撤榜',
  open_claim_claimed: '揭榜认领',
  open_claim_work_reported: '报告完成情况',
  open_claim_approved: '认领审核通过',
  open_claim_rejected: '认领审核未通过',
};

export const eventLabel = (kind: string): string => EVENT_LABELS[kind] ?? kind;

export const SIGN_METHOD_LABELS: Readonly<Record<string, string>> = {
  login: '本人登录签字',
  lookup_code: '诉求人凭查询码线上签字',
  sms_code: '诉求人凭短信验证码现场签字',
};

export const RETURN_REASON_LABELS: Readonly<Record<string, string>> = {
  wrong_locality: '属地不符',
  unclear_ownership: '权属不清',
  overlapping_duties: '职能交叉',
  other: '其他',
};

export const RETURN_DECISION_LABELS: Readonly<Record<string, string>> = {
  redispatched: '已改派',
  rejected: '退单驳回',
};

export const LEDGER_CLOSE_LABELS: Readonly<Record<string, string>> = {
  escalated: '提级',
  redispatched: '改派',
  closed: '销号',
  invalid: '无效诉求',
  merged: '并单',
};

export const NOTIFICATION_STATUS_LABELS: Readonly<Record<string, string>> = {
  pending: '待发送',
  sent: '已发送',
  failed: '发送失败',
};

export const CHANNEL_OF_NOTICE_LABELS: Readonly<Record<string, string>> = {
  sms: '短信',
  internal: '站内消息',
  email: '电子邮件',
  wechat: '微信',
};

export const CONSENT_METHOD_LABELS: Readonly<Record<string, string>> = {
  in_person: '当面同意',
  phone: '电话同意',
  written: '书面同意',
};

export const label = (labels: Readonly<Record<string, string>>, code: string | null | undefined): string | null =>
  code === null || code === undefined ? null : (labels[code] ?? code);
