import { describe, expect, it } from 'vitest';
import { channels, isStaffEntered } from './channel.js';
import { difficulties } from './difficulty.js';
import { domainAreas } from './domain-area.js';
import { levels } from './level.js';
import { listTypes } from './list-type.js';
import { signOffRoles } from './sign-off.js';
import { isClosed, isFinished, requestStatuses } from './status.js';

describe('the vocabulary of DOMAIN.md', () => {
  it('names the channels, list types, difficulties, levels and sign-off roles by their codes', () => {
    // given / when
    const named = {
      channels: channels.codes,
      listTypes: listTypes.codes,
      difficulties: difficulties.codes,
      levels: levels.codes,
      roles: signOffRoles.codes,
    };

    // then
    expect(named).toEqual({
      channels: ['qr_online', 'mailbox', 'questionnaire', 'meeting', 'door_to_door', 'field_study', 'hotline', 'walk_in', 'proxy', 'open311'],
      listTypes: ['policy_consultation', 'suggestion', 'individual', 'collective', 'other'],
      difficulties: ['easy', 'hard', 'major'],
      levels: ['village', 'township', 'district'],
      roles: ['citizen', 'handler', 'leader_in_charge', 'main_leader'],
    });
    expect(listTypes.label('individual')).toBe('个人求决');
    expect(signOffRoles.label('leader_in_charge')).toBe('分管领导');
  });

  it('has 15 domains with distinct Chinese names, including those the study names', () => {
    // given
    const studyNames = ['农业农村', '自然资源', '城乡建设', '劳动和社会保障', '卫生健康', '教育', '政策兑现', '社会治安', '小区治理'];

    // when
    const names = domainAreas.codes.map((c) => domainAreas.label(c));

    // then
    expect(domainAreas.codes).toHaveLength(15);
    expect(new Set(names).size).toBe(15);
    expect(names).toEqual(expect.arrayContaining(studyNames));
  });

  it('gives every code of every vocabulary a Chinese label', () => {
    // given
    const all = [channels, listTypes, difficulties, levels, domainAreas, requestStatuses, signOffRoles];

    // when
    const labels = all.flatMap((v) => v.codes.map((c) => (v.labels as Record<string, string>)[c]));

    // then
    for (const label of labels) expect(label).toMatch(/[\u4e00-\u9fff]/);
  });

  it('knows which statuses are finished and which count as closed', () => {
    // given / when / then
    expect(isFinished('invalid')).toBe(true);
    expect(isClosed('invalid')).toBe(false);
    expect(isClosed('archived')).toBe(true);
    expect(isFinished('rehandling')).toBe(false);
  });

  it('treats every channel but the QR code as entered by staff', () => {
    // given / when / then
    expect(isStaffEntered('qr_online')).toBe(false);
    expect(isStaffEntered('proxy')).toBe(true);
  });
});
