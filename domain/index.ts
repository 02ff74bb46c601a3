// The domain of Suqiu: pure types and rules, no I/O.
export * from './labels.js';
export * from './channel.js';
export * from './list-type.js';
export * from './level.js';
export * from './difficulty.js';
export * from './domain-area.js';
export * from './status.js';
export * from './sign-off.js';
export * from './time-limit.js';
export * from './satisfaction.js';
export * from './ranking.js';
export * from './assessment.js';
export * from './validation.js';
export * from './privacy.js';
