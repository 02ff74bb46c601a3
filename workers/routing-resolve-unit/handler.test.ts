import { describe, expect, it } from 'vitest';
import { DEMO_DUTIES } from '../../store/seed/demo.js';
import { IncidentError } from '../shared/job.js';
import { DEMO, givenStore, jobOf } from '../shared/testing.js';
import { resolveUnit } from './handler.js';

const at = (level: string, domain?: string, villageId: string | null = DEMO.village) =>
  jobOf('suqiu.routing.resolve-unit', { level, domain, townshipId: DEMO.township, villageId });

describe('suqiu.routing.resolve-unit', () => {
  it('names the village, the township, or the department leading on the domain', async () => {
    // given
    const g = givenStore();

    // when
    const village = await resolveUnit(at('village', 'water_resources'), g.deps);
    const township = await resolveUnit(at('township', 'water_resources'), g.deps);
    const district = await resolveUnit(at('district', 'water_resources'), g.deps);

    // then
    expect(village).toEqual({ responsibleUnit: 'village:dingshan-huangliang', responsibleUnitName: '黄梁村' });
    expect(township).toEqual({ responsibleUnit: 'township:dingshan', responsibleUnitName: '鼎山镇' });
    expect(district).toEqual({ responsibleUnit: `department:${DEMO_DUTIES.water_resources}`, responsibleUnitName: '区水利局' });
  });

  it('gives a request located only at a township to the township, and one without a domain at the district to the special team', async () => {
    // given
    const g = givenStore();

    // when
    const noVillage = await resolveUnit(at('village', undefined, null), g.deps);
    const noDomain = await resolveUnit(at('district'), g.deps);

    // then
    expect(noVillage.responsibleUnit).toBe('township:dingshan');
    expect(noDomain.responsibleUnit).toBe('district:special-team');
  });

  it('raises an incident for an unknown level or place', async () => {
    // given
    const g = givenStore();

    // when / then
    await expect(resolveUnit(at('province'), g.deps)).rejects.toThrow(IncidentError);
    await expect(resolveUnit(at('village', undefined, 'nowhere'), g.deps)).rejects.toThrow(/no org unit "nowhere"/);
  });
});
