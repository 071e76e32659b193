/** The editor's notice (why a wire was refused, what was saved, ...) in a polite live region. */
import { useEditor } from '../store/editor';

export function NoticeRegion() {
  const notice = useEditor((s) => s.notice);
  const setNotice = useEditor((s) => s.setNotice);
  return (
    <div className={`sf-notice${notice ? ` sf-notice-${notice.kind}` : ''}`}>
      <p role="status" aria-live="polite" aria-label="Messages" className="sf-notice-text">
        {notice?.text ?? ''}
      </p>
      {notice ? (
        <button type="button" className="sf-notice-dismiss" aria-label="Dismiss message" onClick={() => setNotice(null)}>
          ×
        </button>
      ) : null}
    </div>
  );
}
