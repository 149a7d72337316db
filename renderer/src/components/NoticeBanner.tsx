import { useAppStore } from '../store';
import { useErrorText, useT } from '../i18n/useT';

export function NoticeBanner() {
  const t = useT();
  const errorText = useErrorText();
  const notice = useAppStore((s) => s.notice);
  const clearNotice = useAppStore((s) => s.clearNotice);
  if (!notice) return null;
  const text = notice.error
    ? errorText(notice.error)
    : notice.message
      ? t(notice.message.key, notice.message.params)
      : (notice.text ?? '');
  return (
    <div className={`notice ${notice.kind}`} role="alert">
      <span>{text}</span>
      <button type="button" onClick={clearNotice}>
        {t('common.dismiss')}
      </button>
    </div>
  );
}
