/**
 * A result's actions where results are listed (a node's results, the History): open its main file
 * (in the system's player on the desktop, in a new tab in browser mode), show it in the folder, and
 * copy the task id (to look the task up with Modellix). Failures are said in
 * the message bar. Loaded with the lazy views that use it (ON_DEMAND in electron.vite.config.ts).
 */
import type { TaskView } from '../../../shared/api';
import { useServices } from '../services/services';
import { useEditor } from '../store/editor';
import { fileNameOf } from './names';
import { errorText } from '../ui/error-text';

export function OutputActions({ main, taskId, className }: { main: TaskView['outputs'][number] | undefined; taskId: string | undefined; className?: string }) {
  const { api, mediaUrl } = useServices();
  const say = (kind: 'info' | 'error', text: string) => useEditor.getState().setNotice({ kind, text });

  async function reveal(path: string) {
    try {
      const { shown } = await api['shell.reveal']({ path });
      // Browser mode: the page may be on another machine than the files; say where the file is.
      if (!shown) say('info', `This window cannot open a file browser (browser mode): the file is ${path}`);
    } catch (error) {
      say('error', `Could not show ${fileNameOf(path)}: ${errorText(error)}`);
    }
  }

  async function open(output: TaskView['outputs'][number]) {
    try {
      const { opened } = await api['shell.open']({ path: output.path });
      if (!opened) window.open(mediaUrl(output.mediaId), '_blank', 'noopener');
    } catch (error) {
      say('error', `Could not open ${fileNameOf(output.path)}: ${errorText(error)}`);
    }
  }

  async function copyTaskId(id: string) {
    try {
      await navigator.clipboard.writeText(id);
      say('info', `Copied task id ${id}.`);
    } catch {
      say('error', `Could not copy to the clipboard; the task id is ${id}.`);
    }
  }

  return (
    <>
      {main ? (
        <>
          <button type="button" className={className} onClick={() => void open(main)} title={`Open ${main.path}`}>
            Open
          </button>
          <button type="button" className={className} onClick={() => void reveal(main.path)} title={main.path}>
            Show in folder
          </button>
        </>
      ) : null}
      {taskId ? (
        <button type="button" className={className} onClick={() => void copyTaskId(taskId)}>
          Copy task id
        </button>
      ) : null}
    </>
  );
}
