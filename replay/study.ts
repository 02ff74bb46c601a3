// What the study (../shared/seed/, summed up in DOMAIN.md) reports about Bazhou's four years,
// the figures a replay is measured against.

/** Valid requests collected per year; 2024 covers January to August. */
export const VALID_PER_YEAR = { 2021: 12_878, 2022: 12_779, 2023: 11_085, 2024: 4_066 } as const;
export type StudyYear = keyof typeof VALID_PER_YEAR;

/** The last day the study counts: 2024 is reported up to the end of August. */
export const LAST_DAY = '2024-08-31';

export const VALID_TOTAL = 40_808;
export const INVALID_TOTAL = 115;

/**
 * Where the valid requests ended up: ledgered at the village/community (solved there), at the
 * township/street (the village could not), with the district's special team (neither could), and
 * the hard cases the district took as backstop (兜底). 18,181 + 17,405 + 5,131 + 91 = 40,808.
 */
export const LEDGER_SPLIT = { village: 18_181, township: 17_405, district: 5_131 } as const;
export const BACKSTOP = 91;

/** Closure rate over all four years, and of the 30,000+ requests collected by the end of 2023. */
export const CLOSURE_RATE = 0.956;
export const CLOSURE_RATE_END_2023 = 0.996;
