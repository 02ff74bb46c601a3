// 渠道: how a request reached us. The six collection ways of the study, plus the hotline, walk-ins
// and `proxy` (staff enter a request for someone who is offline, e.g. the elderly), and `open311`
// (a civic app sent it through the Open311 GeoReport v2 door).
import { vocabulary } from './labels.js';

export type Channel =
  | 'qr_online'
  | 'mailbox'
  | 'questionnaire'
  | 'meeting'
  | 'door_to_door'
  | 'field_study'
  | 'hotline'
  | 'walk_in'
  | 'proxy'
  | 'open311';

export const channels = vocabulary<Channel>({
  qr_online: '扫码线上采',
  mailbox: '信箱收',
  questionnaire: '问卷征',
  meeting: '组织群众提',
  door_to_door: '入户走访谈',
  field_study: '蹲点调研挖',
  hotline: '热线电话',
  walk_in: '来访',
  proxy: '代办录入',
  open311: 'Open311 接口',
});

/** Channels where a member of staff types the request in (the citizen need not be online). */
export function isStaffEntered(channel: Channel): boolean {
  return channel !== 'qr_online' && channel !== 'open311';
}
