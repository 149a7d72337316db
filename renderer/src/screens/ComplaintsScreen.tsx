import { useCallback, useEffect, useState } from 'react';
import { api } from '../api';
import { useT } from '../i18n/useT';
import type { ComplaintView } from '../../../shared/api/complaint';
import { ComplaintCard } from '../components/complaints/ComplaintCard';
import { ComplaintForm } from '../components/complaints/ComplaintForm';
import { FollowUpList } from '../components/feedback/FollowUpList';

/**
 * The store manager's voice-of-the-customer desk: detractors to call back, complaints with their
 * deadlines (missed ones flagged), and a form to log a walk-in's complaint.
 */
export function ComplaintsScreen() {
  const t = useT();
  const [unresolved, setUnresolved] = useState(true);
  const [breachedOnly, setBreachedOnly] = useState(false);
  const [list, setList] = useState<ComplaintView[]>([]);
  const [logging, setLogging] = useState(false);

  const load = useCallback(() => {
    void api
      .invoke('complaint.list', {
        status: unresolved ? 'unresolved' : null,
        memberId: null,
        breachedOnly,
        limit: 100,
      })
      .then((result) => {
        if (result.ok) setList(result.value);
      });
  }, [unresolved, breachedOnly]);
  useEffect(load, [load]);

  return (
    <section aria-labelledby="complaints-title" className="complaints-screen">
      <div className="title-row">
        <h1 id="complaints-title">{t('complaint.list.title')}</h1>
        <button type="button" className="primary" onClick={() => setLogging(!logging)}>
          {t('complaint.log')}
        </button>
      </div>
      {logging && <ComplaintForm member={null} saleId={null} onLogged={load} />}
      <FollowUpList />
      <div className="row">
        <label className="checkbox">
          <input
            type="checkbox"
            checked={unresolved}
            onChange={(e) => setUnresolved(e.target.checked)}
          />
          {t('complaint.list.unresolved')}
        </label>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={breachedOnly}
            onChange={(e) => setBreachedOnly(e.target.checked)}
          />
          {t('complaint.breachedOnly')}
        </label>
      </div>
      {list.length === 0 && <p className="empty">{t('complaint.list.none')}</p>}
      {list.map((c) => (
        <ComplaintCard
          key={c.complaintId}
          complaint={c}
          onChange={(changed) => {
            // Shown changed at once, then the list is read again: a complaint resolved under
            // "unresolved only" leaves it.
            setList((all) => all.map((x) => (x.complaintId === changed.complaintId ? changed : x)));
            load();
          }}
        />
      ))}
    </section>
  );
}
