/**
 * A member's name heading a row of an analytics table: a link that opens the member where the
 * screen can (the terminal), plain text where it cannot (head office).
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
  return (
    <th scope="row">
      {onSelectMember ? (
        <button type="button" className="link" onClick={() => onSelectMember(memberId)}>
          {name}
        </button>
      ) : (
        name
      )}
    </th>
  );
}
