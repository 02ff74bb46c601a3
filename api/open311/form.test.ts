import { describe, expect, it } from 'vitest';
import { normaliseBody, parseForm } from './form.js';
import { toXml } from './format.js';

describe('the form body', () => {
  it('reads the spec\'s form: attribute[code]=value, a multivaluelist as attribute[code][]=..., and a field sent twice as a list', () => {
    // given
    const body = 'api_key=xyz&service_code=water_resources.individual&attribute%5Btownship_id%5D=dingshan&attribute[tags][]=a&attribute[tags][]=b&description=%E5%A0%B0%E5%A1%98+%E6%BC%8F%E6%B0%B4&phone=1&phone=2';

    // when
    const fields = normaliseBody(parseForm(body));

    // then
    expect(fields).toEqual({
      api_key: 'xyz',
      service_code: 'water_resources.individual',
      attribute: { township_id: 'dingshan', tags: ['a', 'b'] },
      description: '堰塘 漏水',
      phone: ['1', '2'],
    });
  });

  it('takes JSON with an attribute object or bracketed names alike', () => {
    // when
    const both = normaliseBody({ attribute: { village_id: 'dingshan-huangliang' }, 'attribute[township_id]': 'dingshan', description: 'x' });

    // then
    expect(both).toEqual({ attribute: { village_id: 'dingshan-huangliang', township_id: 'dingshan' }, description: 'x' });
  });
});

describe('the XML', () => {
  it('names list items the spec\'s way, writes empty values as empty elements, escapes markup and drops what XML cannot carry', () => {
    // when
    const xml = toXml('service_requests', [{ service_request_id: 'SQ1', description: '<b>"水" & \'电\'</b>\u0007', lat: null, metadata: true }]);

    // then
    expect(xml).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\n<service_requests><request><service_request_id>SQ1</service_request_id>' +
        '<description>&lt;b&gt;&quot;水&quot; &amp; &apos;电&apos;&lt;/b&gt;</description><lat/><metadata>true</metadata></request></service_requests>',
    );
  });
});
