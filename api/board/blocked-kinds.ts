// 受阻的原因类别: what keeps a request from being solved, as the public board and staff see it.
// The internal reason (`blocked_reason`) is staff text and never leaves the staff API.
import { vocabulary } from '../../domain/labels.js';
import type { BlockedKind } from '../../store/schema.js';

export const blockedKinds = vocabulary<BlockedKind>({
  funding: '资金受限',
  land: '用地受限',
  policy: '政策受限',
  other: '其他原因受阻',
});
