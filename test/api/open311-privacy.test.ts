// No personal data out of Open311 (issue 10: "every public or Open311 answer contains no name,
// phone, ID number or exact address"): distinctive identities come in through an Open311 POST
// (first and last name, phone, email, address_string, some of it typed into the description too)
// and through staff intake (name, phone, ID number, address); then every Open311 endpoint is asked
// in both formats, with every filter that finds them, and no answer may carry any of it (nor a
// number's digits with the separators taken out). The
// identity is still kept where the API keeps it: staff who may see the request see it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fields, jsonOf, submit } from './open311-support.js';
import { ApiWorld, type Answer } from './support.js';

let w: ApiWorld;
beforeAll(async () => {
  w = await ApiWorld.start();
  await w.world.startScenario();
});
afterAll(async () => w?.stop());

const OPEN311_CITIZEN = { last_name: '诸葛', first_name: '孔明', phone: '13987654321', email: 'kongming.zhuge@example.cn', address_string: '黄梁村九组99号' };
const STAFF_CITIZEN = { name: '上官婉儿', phone: '13711112222', idNumber: '511902199002023456', address: '新桥村三组7号' };
const IDENTITIES = ['诸葛孔明', '孔明', '13987654321', '139 8765 4321', 'kongming.zhuge', '黄梁村九组99号', '上官婉儿', '13711112222', '511902199002023456', '新桥村三组7号'];

describe('no personal data out', () => {
  it('answers no name, phone, ID number, email or exact address on any Open311 endpoint, in JSON or XML', async () => {
    // given: an Open311 submission and a staff intake, each with a distinctive citizen
    const posted = await submit(
      w.public,
      fields({ ...OPEN311_CITIZEN, description: '我是诸葛孔明,电话 139 8765 4321,住黄梁村九组99号,门前堰塘垮了', 'attribute[village_id]': 'dingshan-huangliang' }),
    );
    expect(posted.status).toBe(201);
    const [{ service_request_id: fromApp, token }] = jsonOf(posted);
    const handler = await w.login('huangliang-handler');
    const township = await w.login('dingshan-handler');
    const taken = await township.post('/api/requests', {
      channel: 'door_to_door',
      text: '上官婉儿反映:新桥村三组7号门前路灯不亮,身份证511902199002023456',
      townshipId: 'dingshan',
      villageId: 'dingshan-xinqiao',
      citizen: STAFF_CITIZEN,
    });
    expect(taken.status).toBe(201);
    const fromStaff = taken.body.id;
    await w.world.waitForTask(fromApp, 'screen');
    await w.world.waitForTask(fromStaff, 'screen');

    // when: every endpoint, both formats, with the filters that find the two requests
    const urls = [
      'discovery',
      'services',
      'services/water_resources.individual',
      'requests',
      'requests?status=open',
      'requests?service_code=water_resources.individual',
      `requests?service_request_id=${fromApp},${fromStaff}`,
      `requests/${fromApp}`,
      `requests/${fromStaff}`,
      `tokens/${token}`,
      `requests/${fromApp}-nope`,
    ].flatMap((u) => {
      const [path, query] = u.split('?');
      return ['.json', '.xml', ''].map((ext) => `/open311/v2/${path}${ext}${query === undefined ? '' : `?${query}`}`);
    });
    const answers: [string, Answer][] = [['POST requests.json', posted]];
    for (const url of urls) answers.push([url, await w.public.get(url)]);
    const refused = await submit(w.public, fields({ ...OPEN311_CITIZEN, phone: '139876543210000', description: '我是诸葛孔明' }), 'xml');
    answers.push(['POST requests.xml (refused)', refused]);

    // then
    const listed = answers.find(([url]) => url === '/open311/v2/requests.json')![1];
    expect(listed.body.map((r: { service_request_id: string }) => r.service_request_id)).toEqual(expect.arrayContaining([fromApp, fromStaff]));
    expect(listed.body.find((r: { service_request_id: string }) => r.service_request_id === fromApp).description).toBe('我是***,电话 ***,住***,门前堰塘垮了');
    expect(refused.status).toBe(400);
    for (const [url, answer] of answers) {
      const joined = answer.raw.body.replace(/[\s-]/g, '');
      for (const identity of IDENTITIES) {
        expect(answer.raw.body, `${url} shows ${identity}`).not.toContain(identity);
        expect(joined, `${url} shows ${identity} (separators taken out)`).not.toContain(identity.replace(/[\s-]/g, ''));
      }
    }
    const detail = await handler.get(`/api/requests/${fromApp}`);
    expect(detail.status).toBe(200);
    expect(JSON.stringify(detail.body)).toContain('诸葛孔明');
    expect(JSON.stringify(detail.body)).toContain('13987654321');
    expect(JSON.stringify(detail.body)).not.toContain('kongming.zhuge');
  });
});
