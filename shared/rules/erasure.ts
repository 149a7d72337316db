/**
 * Erasure as anonymisation (issue 14 §2), the rules head office and terminals both apply.
 *
 * A member's personal data (name, phones, email, birthday, and free text about them) is removed;
 * their financial rows stay, under their id, which is random and names nobody. The printed card
 * number is replaced too (a card in someone's wallet would name them again): by this pseudonym,
 * derived from the id so every node writes the same one without asking.
 */
export function erasedCardNumber(memberId: string): string {
  return `X${memberId.replace(/-/g, '').slice(-16).toUpperCase()}`;
}

/** What an erased member's personal fields hold everywhere. */
export const ERASED_MEMBER = {
  name: '',
  phoneE164: '',
  phoneNational: '',
  email: null,
  birthday: null,
} as const;

/** The personal fields of a member's sync payloads (member.enrolled, member.updated's fields). */
export const PERSONAL_PAYLOAD_FIELDS = [
  'name',
  'phoneE164',
  'phoneNational',
  'email',
  'birthday',
] as const;
