import { describe, expect, it } from 'vitest';
import { maskIdentity } from './privacy.js';

describe('masking identity in request text', () => {
  it('masks mobile, landline and ID-card numbers and leaves the rest', () => {
    // given
    const text = '请联系13812345678或0827-5799230,身份证511902199001011234,80户受影响';

    // when
    const masked = maskIdentity(text);

    // then
    expect(masked).toBe('请联系138****5678或0827-********,身份证511902********1234,80户受影响');
  });
});
