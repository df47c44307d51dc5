import { TreeSelect } from 'antd';
import type { CSSProperties } from 'react';
import type { JurisdictionLevel } from '../../../api/types';
import type { JurisdictionOption } from '../../jurisdiction/components/JurisdictionTreeSelect';
import { NodeTitle } from '../../jurisdiction/components/NodeTitle';
import { buildTree, useLazyJurisdictionTree } from '../../jurisdiction/hooks/useJurisdictions';

/** Registry records are placed under a community (社区村) or one of its grids (网格); the server refuses other levels. */
export const PLACE_LEVELS: readonly JurisdictionLevel[] = ['community', 'grid'];

/**
 * Picks one node of the user's own jurisdiction subtree, loading each level when it is opened.
 * With `levels`, only nodes of those levels can be picked (the others still open); a list filter
 * leaves it out, since any node narrows a list.
 */
export function PlacePicker({
  value,
  onChange,
  id,
  levels,
  placeholder,
  style,
}: {
  value?: JurisdictionOption | null;
  onChange?: (value: JurisdictionOption | undefined) => void;
  id?: string;
  levels?: readonly JurisdictionLevel[];
  placeholder?: string;
  style?: CSSProperties;
}) {
  const { roots, childrenById, load } = useLazyJurisdictionTree();
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
      value={value ?? undefined}
      onChange={(v?: JurisdictionOption) => onChange?.(v ? { value: v.value, label: String(v.label) } : undefined)}
      treeData={treeData}
      loadData={(node) => load(String(node.value))}
      loading={roots.isPending}
      placeholder={placeholder}
      style={{ width: '100%', ...style }}
      listHeight={320}
      popupMatchSelectWidth={false}
      allowClear
    />
  );
}
