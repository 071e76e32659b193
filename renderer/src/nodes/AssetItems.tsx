/** An asset node's batch items (several files or URLs): loaded on demand, when a node has them. */
import type { AssetNode as AssetGraphNode } from '../../../shared/graph';
import { itemsOf, setAssetItems } from '../store/batch';
import { useEditor } from '../store/editor';
import { fileNameOf, urlNameOf } from './names';

/** The node's batch items (several files or URLs): one row each, in order. */
export function ItemsList({ node }: { node: AssetGraphNode }) {
  const items = node.data.items;
  if (!items) return null;
  const nameOf = (i: number) => {
    const item = items[i];
    return item ? (item.kind === 'file' ? fileNameOf(item.path) : urlNameOf(item.url)) : '';
  };
  return (
    <div className="sfn-items">
      <p className="sfn-muted">{items.length} items: one batch row each (a single Run uses the first).</p>
      <ol className="sfn-items__list" aria-label="Batch items">
        {items.map((item, i) => (
          <li key={`${i}-${item.kind === 'file' ? item.path : item.url}`}>
            <span title={item.kind === 'file' ? item.path : item.url}>{nameOf(i)}</span>
            <button
              type="button"
              className="sfn-button sfn-button--small nodrag"
              aria-label={`Remove item ${i + 1} (${nameOf(i)})`}
              onClick={() => setAssetItems(node.id, itemsOf(useEditor.getState().graph, node.id).filter((_, j) => j !== i), 'remove batch item')}
            >
              ✕
            </button>
          </li>
        ))}
      </ol>
    </div>
  );
}

