// 领域: the 15 areas requests fall into. The study names agriculture & rural, natural resources,
// urban-rural construction, labour & social security, health and education among its 15, and
// policy fulfilment, public security and residential community governance as what was collected;
// the rest complete the list with the areas a district government's departments cover and the
// study's cases touch (water: 堰塘, 病险水库; roads; 低保 and elderly care; the environment
// inspections; violations and street lights in town; disputes: 矛盾纠纷, "枫桥经验").
import { vocabulary } from './labels.js';

export type DomainArea =
  | 'agriculture_rural'
  | 'natural_resources'
  | 'urban_rural_construction'
  | 'labour_social_security'
  | 'health'
  | 'education'
  | 'policy_fulfilment'
  | 'public_security'
  | 'community_governance'
  | 'water_resources'
  | 'transport'
  | 'civil_affairs'
  | 'ecology_environment'
  | 'urban_management'
  | 'disputes_legal';

export const domainAreas = vocabulary<DomainArea>({
  agriculture_rural: '农业农村',
  natural_resources: '自然资源',
  urban_rural_construction: '城乡建设',
  labour_social_security: '劳动和社会保障',
  health: '卫生健康',
  education: '教育',
  policy_fulfilment: '政策兑现',
  public_security: '社会治安',
  community_governance: '小区治理',
  water_resources: '水利',
  transport: '交通运输',
  civil_affairs: '民政',
  ecology_environment: '生态环境',
  urban_management: '城市管理',
  disputes_legal: '矛盾纠纷与法律服务',
});
