import { describe, expect, it } from 'vitest';
import { caseFile } from './case-file.js';
import { notifications } from './schema.js';
import { recordSpotCheck, recordSpotCheckPhotos, SpotCheckPhotoLimit, spotCheckById, spotCheckLines } from './spot-checks.js';
import { day, receive, storeWithOrganisation, T0 } from './testing.js';

const SUPERVISOR = 'supervision-group-staff-2';
const photo = (sha: string) => ({ sha256: sha.repeat(64).slice(0, 64), fileName: '现场.jpg', mediaType: 'image/jpeg' as const, size: 10 });

describe('spot checks', () => {
  it('records a check of a request with a case event and a notice to the unit, in one go', () => {
    // given
    const { db, close } = storeWithOrganisation();
    receive(db, 'S-1');

    // when
    const check = recordSpotCheck(db, { unitId: 'dingshan-huangliang', requestId: 'S-1', checkedAt: T0, unannounced: true, findings: '台账与现场不符', recordedByStaffId: SUPERVISOR, at: day(1) });

    // then
    expect(caseFile(db, 'S-1').filter((e) => e.kind === 'spot_check')).toEqual([
      expect.objectContaining({ actor: SUPERVISOR, detail: expect.objectContaining({ spotCheckId: check.id, unannounced: true, findings: '台账与现场不符' }) }),
    ]);
    const notice = db.select().from(notifications).all().find((n) => n.idempotencyKey === `spot-check:${check.id}`);
    expect(notice).toMatchObject({ channel: 'internal', recipient: 'dingshan-huangliang', requestId: 'S-1' });
    expect(notice?.text).toContain('台账与现场不符');
    expect(spotCheckById(db, check.id)).toMatchObject({ unitName: '黄梁村', photos: 0 });
    close();
  });

  it('lists checks by unit, request and time, the latest first', () => {
    // given
    const { db, close } = storeWithOrganisation();
    const base = { unannounced: true, findings: '检查', recordedByStaffId: SUPERVISOR, at: day(5) };
    recordSpotCheck(db, { ...base, unitId: 'dingshan-huangliang', checkedAt: day(1) });
    recordSpotCheck(db, { ...base, unitId: 'dingshan-huangliang', checkedAt: day(3) });
    recordSpotCheck(db, { ...base, unitId: 'huacheng-baihe', checkedAt: day(2) });

    // when
    const village = spotCheckLines(db, { units: ['dingshan-huangliang'] }, { limit: 10, offset: 0 });
    const early = spotCheckLines(db, { to: day(2) }, { limit: 10, offset: 0 });

    // then
    expect(village.items.map((c) => c.checkedAt)).toEqual([day(3), day(1)]);
    expect(village.total).toBe(2);
    expect(early.items.map((c) => c.unitId)).toEqual(['dingshan-huangliang']);
    close();
  });

  it('keeps a photo once per check and refuses more than the limit as a whole', () => {
    // given
    const { db, close } = storeWithOrganisation();
    const check = recordSpotCheck(db, { unitId: 'dingshan', checkedAt: T0, unannounced: false, findings: '抽查', recordedByStaffId: SUPERVISOR, at: T0 });
    const options = { uploadedBy: SUPERVISOR, at: T0, limit: 2 };

    // when
    const first = recordSpotCheckPhotos(db, check.id, [photo('a')], options);
    const again = recordSpotCheckPhotos(db, check.id, [photo('a'), photo('b')], options);
    const tooMany = () => recordSpotCheckPhotos(db, check.id, [photo('c')], options);

    // then
    expect(again.map((p) => [p.id === first[0]!.id, p.duplicate])).toEqual([[true, true], [false, false]]);
    expect(tooMany).toThrow(SpotCheckPhotoLimit);
    expect(spotCheckById(db, check.id)?.photos).toBe(2);
    close();
  });
});
