import { describe, expect, it } from 'vitest';
import { DOMAIN_KEYWORDS, suggestAssessment } from './assessment.js';
import { domainAreas } from './domain-area.js';

describe('assessment suggestion', () => {
  it('suggests a village-level easy matter for broken street lights', () => {
    // given
    const text = '黄梁村二组新居点部分路灯损坏,晚上出行不方便';

    // when
    const suggestion = suggestAssessment(text);

    // then
    expect(suggestion).toMatchObject({ domain: 'urban_rural_construction', listType: 'individual', difficulty: 'easy', level: 'village' });
    expect(suggestion.because.domain).toEqual(['路灯']);
  });

  it('suggests a collective, hard water matter for a leaking pond serving many households', () => {
    // given
    const text = '四组、六组两口堰塘整治后仍然漏水,影响80多户居民用水';

    // when
    const suggestion = suggestAssessment(text);

    // then
    expect(suggestion).toMatchObject({ domain: 'water_resources', listType: 'collective', difficulty: 'hard', level: 'township' });
  });

  it('suggests a major district matter for resettlement housing', () => {
    // given
    const text = '安置还房多年未交付,过渡费也没有发放';

    // when
    const suggestion = suggestAssessment(text);

    // then
    expect(suggestion.difficulty).toBe('major');
    expect(suggestion.level).toBe('district');
    expect(suggestion.because.difficulty).toContain('安置还房');
  });

  it('recognises consultations, suggestions and the social domains', () => {
    // given / when
    const consultation = suggestAssessment('请问医保报销怎么办理?');
    const suggestion = suggestAssessment('建议在学校门口增设减速带');
    const welfare = suggestAssessment('家里老人申请低保一直没有结果');

    // then
    expect(consultation).toMatchObject({ domain: 'health', listType: 'policy_consultation', difficulty: 'easy' });
    expect(suggestion).toMatchObject({ domain: 'education', listType: 'suggestion' });
    expect(welfare.domain).toBe('civil_affairs');
  });

  it('suggests nothing for the domain when no keyword matches, and files it under other', () => {
    // given / when
    const suggestion = suggestAssessment('想反映一个情况');

    // then
    expect(suggestion.domain).toBeUndefined();
    expect(suggestion.listType).toBe('other');
  });

  it('has keywords for every one of the 15 domains', () => {
    // given / when / then
    for (const code of domainAreas.codes) expect(DOMAIN_KEYWORDS[code].length).toBeGreaterThan(0);
  });
});
