import { describe, expect, it } from 'vitest';
import { caseFile } from './case-file.js';
import {
  beijingYear,
  claimOpenClaim,
  claimRanking,
  getPosting,
  postOpenClaim,
  publicPosting,
  publicPostingList,
  reportClaimWork,
  reviewClaim,
  withdrawOpenClaim,
} from './claims.js';
import type { Conn } from './db.js';
import { assessRequest, closeRequest } from './requests.js';
import { notifications } from './schema.js';
import { day, receive, storeWithOrganisation, T0 } from './testing.js';

/** A request of 鼎山镇, assigned and still to be done. */
function townshipRequest(conn: Conn, id: string): string {
  receive(conn, id, { citizen: { name: '（演示）赵某', phone: '13800001234' } });
  assessRequest(conn, id, { listType: 'collective', domain: 'water_resources', difficulty: 'hard', level: 'township', responsibleUnitId: 'dingshan', timeLimitDays: 30, deadline: day(30) });
  return id;
}

const company = (name = '（演示）某建筑公司') => ({ kind: 'company' as const, displayName: name, contactPhone: '13700000000', codeHash: 'scrypt$test' });

function posted(conn: Conn, requestId: string, points = 10): number {
  const p = postOpenClaim(conn, { requestId, title: '修渠', description: '需要挖掘机', points, postedByStaffId: 'dingshan-staff-2', at: T0 });
  if (!p.ok) throw new Error(p.reason);
  return p.posting.id;
}

describe('open claims (公开发榜)', () => {
  it('keeps one live posting per request, and posts only requests still to be done', () => {
    // given
    const { db } = storeWithOrganisation();
    townshipRequest(db, 'r1');
    receive(db, 'r2'); // not screened yet: no responsible unit

    // when
    const first = postOpenClaim(db, { requestId: 'r1', title: 't', description: 'd', points: 5, postedByStaffId: 'dingshan-staff-2', at: T0 });
    const second = postOpenClaim(db, { requestId: 'r1', title: 't', description: 'd', points: 5, postedByStaffId: 'dingshan-staff-2', at: T0 });
    const unscreened = postOpenClaim(db, { requestId: 'r2', title: 't', description: 'd', points: 5, postedByStaffId: 'dingshan-staff-2', at: T0 });

    // then
    expect(first.ok).toBe(true);
    expect(second).toEqual({ ok: false, reason: 'live-posting' });
    expect(unscreened).toEqual({ ok: false, reason: 'not-postable' });
    expect(caseFile(db, 'r1').map((e) => e.kind)).toEqual(['received', 'open_claim_posted']);
    expect(db.select().from(notifications).all().map((n) => [n.channel, n.recipient])).toEqual([['internal', 'dingshan']]);
  });

  it('takes one live claim per posting, and a refused claim writes nothing', () => {
    // given
    const { db, sqlite } = storeWithOrganisation();
    const id = posted(db, townshipRequest(db, 'r1'));

    // when
    const first = claimOpenClaim(db, { openClaimId: id, claimant: company(), at: day(1) });
    const second = claimOpenClaim(db, { openClaimId: id, claimant: { kind: 'staff', staffId: 'water-bureau-staff-3', displayName: '水利局干部' }, at: day(1) });

    // then
    expect(first.ok).toBe(true);
    expect(second).toEqual({ ok: false, reason: 'not-open' });
    expect(getPosting(db, id)).toMatchObject({ status: 'claimed', liveClaim: { status: 'active', claimant: { displayName: '（演示）某建筑公司' } } });
    expect(sqlite.prepare('select count(*) as n from claimants').get()).toEqual({ n: 1 });
  });

  it('keeps a citizen\'s or company\'s name theirs: a second new claimant under it is refused', () => {
    // given
    const { db } = storeWithOrganisation();
    const a = posted(db, townshipRequest(db, 'r1'));
    const b = posted(db, townshipRequest(db, 'r2'));
    claimOpenClaim(db, { openClaimId: a, claimant: company(), at: day(1) });

    // when
    const impostor = claimOpenClaim(db, { openClaimId: b, claimant: company(), at: day(1) });

    // then
    expect(impostor).toEqual({ ok: false, reason: 'name-taken' });
    expect(getPosting(db, b)?.status).toBe('open');
  });

  it('approves reported work with the posting\'s points, and rejecting opens the posting again', () => {
    // given
    const { db } = storeWithOrganisation();
    const a = posted(db, townshipRequest(db, 'r1'), 30);
    const b = posted(db, townshipRequest(db, 'r2'), 20);
    const claimA = claimOpenClaim(db, { openClaimId: a, claimant: company(), at: day(1) });
    const claimB = claimOpenClaim(db, { openClaimId: b, claimant: { kind: 'staff', staffId: 'water-bureau-staff-3', displayName: '水利局干部' }, at: day(1) });
    if (!claimA.ok || !claimB.ok) throw new Error('claims refused');

    // when
    const tooEarly = reviewClaim(db, { openClaimId: a, claimId: claimA.claim.id, reviewerStaffId: 'dingshan-staff-2', approved: true, note: null, at: day(2) });
    reportClaimWork(db, { openClaimId: a, claimId: claimA.claim.id, report: '修好了', at: day(3) });
    const approved = reviewClaim(db, { openClaimId: a, claimId: claimA.claim.id, reviewerStaffId: 'dingshan-staff-2', approved: true, note: null, at: day(4) });
    const rejected = reviewClaim(db, { openClaimId: b, claimId: claimB.claim.id, reviewerStaffId: 'dingshan-staff-2', approved: false, note: '没动静', at: day(4) });

    // then
    expect(tooEarly).toEqual({ ok: false, reason: 'not-reported' });
    expect(approved).toMatchObject({ ok: true, posting: { status: 'done' }, claim: { status: 'approved', pointsAwarded: 30 } });
    expect(rejected).toMatchObject({ ok: true, posting: { status: 'open' }, claim: { status: 'rejected', pointsAwarded: null } });
    expect(getPosting(db, b)).toMatchObject({ status: 'open', liveClaim: null });
    const year = beijingYear(2024);
    expect(claimRanking(db, { ...year, limit: 10, offset: 0 }).map((l) => [l.displayName, l.points, l.claimsApproved])).toEqual([['（演示）某建筑公司', 30, 1]]);
    const sms = db.select().from(notifications).all().filter((n) => n.channel === 'sms');
    expect(sms.map((n) => [n.recipient, n.text])).toEqual([['13700000000', expect.stringContaining('获得积分 30 分')]]);
  });

  it('counts points in the Beijing calendar year in which the work was approved', () => {
    // given: approved at 2024-12-31 23:30 Beijing time, i.e. 15:30 UTC
    const { db } = storeWithOrganisation();
    const a = posted(db, townshipRequest(db, 'r1'), 7);
    const claim = claimOpenClaim(db, { openClaimId: a, claimant: company(), at: day(1) });
    if (!claim.ok) throw new Error(claim.reason);
    reportClaimWork(db, { openClaimId: a, claimId: claim.claim.id, report: '修好了', at: day(2) });
    reviewClaim(db, { openClaimId: a, claimId: claim.claim.id, reviewerStaffId: 'dingshan-staff-2', approved: true, note: null, at: new Date('2024-12-31T23:30:00+08:00') });

    // when
    const in2024 = claimRanking(db, { ...beijingYear(2024), limit: 10, offset: 0 });
    const in2025 = claimRanking(db, { ...beijingYear(2025), limit: 10, offset: 0 });

    // then
    expect(in2024.map((l) => l.points)).toEqual([7]);
    expect(in2025).toEqual([]);
  });

  it('shows the public list only postings wanted now, and a withdrawn posting not at all', () => {
    // given
    const { db } = storeWithOrganisation();
    const open = posted(db, townshipRequest(db, 'r1'));
    const finished = posted(db, townshipRequest(db, 'r2'));
    const gone = posted(db, townshipRequest(db, 'r3'));
    closeRequest(db, 'r2', day(5));
    withdrawOpenClaim(db, { openClaimId: gone, byStaffId: 'dingshan-staff-2', note: null, at: day(5) });

    // when
    const list = publicPostingList(db, { limit: 10, offset: 0 });

    // then
    expect(list.map((p) => p.id)).toEqual([open]);
    expect(publicPosting(db, finished)).toMatchObject({ id: finished, requestFinished: true });
    expect(publicPosting(db, gone)).toBeUndefined();
    expect(JSON.stringify(list)).not.toContain('赵某');
    expect(JSON.stringify(list)).not.toContain('13800001234');
  });
});
