// suqiu.routing.resolve-unit (确定责任单位): the unit responsible at `level` — the village or
// township where the request is located, or at the district the department leading on `domain`
// (duty list), else the special team — as a candidate-group name. Reads only.
import { domainAreas, levels } from '../../domain/index.js';
import { responsibleUnitFor } from '../../store/org-units.js';
import { IncidentError, type Handler } from '../shared/job.js';
import { groupOfUnit, requireUnit } from '../shared/units.js';
import { oneOf, optionalOneOf, optionalText, text } from '../shared/vars.js';

export const resolveUnit: Handler = async (job, deps) => {
  const level = oneOf(job, 'level', levels.is);
  const domain = optionalOneOf(job, 'domain', domainAreas.is);
  const townshipId = text(job, 'townshipId');
  const villageId = optionalText(job, 'villageId');
  let unitId: string;
  try {
    unitId = responsibleUnitFor(deps.db, { level, townshipId, villageId, domain });
  } catch (error) {
    throw new IncidentError(`no responsible unit at ${level}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const unit = requireUnit(deps.db, unitId);
  return { responsibleUnit: groupOfUnit(unit), responsibleUnitName: unit.name };
};
