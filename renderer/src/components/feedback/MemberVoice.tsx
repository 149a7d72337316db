import { useEffect, useState } from 'react';
import { api } from '../../api';
import { useFormat, useT } from '../../i18n/useT';
import type { MemberVoice as Voice } from '../../../../shared/api/feedback';
import { ComplaintForm } from '../complaints/ComplaintForm';

/**
 * On the member screen: "handle with care" while a complaint is open, the last score and the
 * recent feedback, and logging a complaint for this member.
 */
export function MemberVoice({ member }: { member: { id: string; name: string } }) {
  const t = useT();
  const format = useFormat();
  const [voice, setVoice] = useState<Voice | null>(null);
  const [logging, setLogging] = useState(false);

  useEffect(() => {
    let live = true;
    void api.invoke('feedback.ofMember', { memberId: member.id }).then((result) => {
      if (live && result.ok) setVoice(result.value);
    });
    return () => {
      live = false;
    };
  }, [member.id, logging]);

  return (
    <div className="member-voice">
      {voice && voice.openComplaints > 0 && (
        <p className="banner warning" role="status" data-testid="handle-with-care">
          {t('complaint.handleWithCare', { count: voice.openComplaints })}
        </p>
      )}
      {voice?.lastScore && (
        <p data-testid="last-score">
          {t('feedback.lastScore', {
            score: voice.lastScore.score,
            scale: t(`feedback.scale.${voice.lastScore.scale}`),
            when: format.dateTime(voice.lastScore.at),
          })}
        </p>
      )}
      {voice && voice.recent.length > 1 && (
        <details>
          <summary>{t('feedback.recent')}</summary>
          <ul>
            {voice.recent.map((f) => (
              <li key={f.id}>
                {format.dateTime(f.at)} · {t(`feedback.scale.${f.scale}`)} {f.score}
                {f.comment && ` · ${f.comment}`}
              </li>
            ))}
          </ul>
        </details>
      )}
      <button type="button" onClick={() => setLogging(!logging)}>
        {t('complaint.log')}
      </button>
      {logging && <ComplaintForm member={member} saleId={null} />}
    </div>
  );
}
