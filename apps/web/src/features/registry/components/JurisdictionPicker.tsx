import { TreeSelect } from 'antd';
import type { JurisdictionLevel } from '../../../api/types';
import { buildTree, useJurisdiction, useLazyJurisdictionTree } from '../../jurisdiction/hooks/useJurisdictions';
import type { JurisdictionOption } from '../../jurisdiction/components/JurisdictionTreeSelect';
import { NodeTitle } from '../../jurisdiction/components/NodeTitle';

/** People, households and houses are placed under a community (社区村) or one of its grids (网格). */
export const PLACEMENT_LEVELS: readonly JurisdictionLevel[] = ['community', 'grid'];

/**
 * Picks one jurisdiction from the user's own subtree, loading each level when it is opened. The
 * value carries its name, so a record's current node shows before its branch is loaded. With
 * `levels`, only nodes of those levels can be picked; the others still open.
 */
export function JurisdictionPicker({
  value,
  onChange,
  id,
  levels,
  placeholder,
  allowClear = true,
  style,
}: {
  value?: JurisdictionOption | null;
  onChange?: (value: JurisdictionOption | undefined) => void;
  id?: string;
  levels?: readonly JurisdictionLevel[];
  placeholder?: string;
  allowClear?: boolean;
  style?: React.CSSProperties;
}) {
  const { roots, childrenById, load } = useLazyJurisdictionTree();
  // a value that came by address (a drill-down link) has its id only: its name is looked up
  const unnamed = value && !value.label ? value.value : undefined;
  const named = useJurisdiction(unnamed);
  const shown = unnamed && named.data ? { value: unnamed, label: named.data.name } : value;
  const treeData = buildTree(roots.data ?? [], childrenById, (n) => ({
    value: n.id,
    label: n.name,
    title: <NodeTitle node={n} />,
    isLeaf: n.childCount === 0,
    selectable: !levels || levels.includes(n.level),
  }));

  return (
    <TreeSelect
      id={id}
      labelInValue
      showSearch={{ treeNodeFilterProp: 'label' }}
      treeNodeLabelProp="label"
      value={shown ?? undefined}
      onChange={(v?: JurisdictionOption) => onChange?.(v ? { value: v.value, label: String(v.label) } : undefined)}
      treeData={treeData}
      loadData={(node) => load(String(node.value))}
      loading={roots.isPending}
      placeholder={placeholder}
      style={{ width: '100%', ...style }}
      listHeight={320}
      popupMatchSelectWidth={false}
      allowClear={allowClear}
    />
  );
}
