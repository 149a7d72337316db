import { firstNameOf, pseudonymOf } from '../../../../shared/rules/memberDisplay';

/**
 * A member heading a row of an analytics table: a link that opens the member where the screen
 * can (the terminal), plain text where it cannot (head office). A list shows first names only,
 * and a pseudonymous id where head office sends no name (an analyst's view).
 */
export function MemberNameCell({
  memberId,
  name,
  onSelectMember,
}: {
  memberId: string;
  name: string;
  onSelectMember?: ((memberId: string) => void) | undefined;
}) {
  const shown = firstNameOf(name) || pseudonymOf(memberId);
  return (
    <th scope="row">
      {onSelectMember ? (
        <button type="button" className="link" onClick={() => onSelectMember(memberId)}>
          {shown}
        </button>
      ) : (
        shown
      )}
    </th>
  );
}
