// The public board must never show who asked. Citizen identity is kept apart by the store; this
// masks what a citizen may have typed into the request text itself: phone numbers and ID numbers.

const ID_CARD = /(?<!\d)(\d{6})\d{8}(\d{3}[\dXx])(?!\d)/g;
const MOBILE = /(?<!\d)(1\d{2})\d{4}(\d{4})(?!\d)/g;
const LANDLINE = /(?<!\d)(0\d{2,3}-?)\d{7,8}(?!\d)/g;

/** Replaces ID-card and phone numbers in free text with masked forms (e.g. 138****0000). */
export function maskIdentity(text: string): string {
  return text
    .replace(ID_CARD, '$1********$2')
    .replace(MOBILE, '$1****$2')
    .replace(LANDLINE, '$1********');
}
