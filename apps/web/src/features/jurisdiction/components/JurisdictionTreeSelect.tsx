import { TreeSelect } from 'antd';
import { useI18n } from '../../../i18n/I18nProvider';
import { buildTree, useLazyJurisdictionTree } from '../hooks/useJurisdictions';
import { NodeTitle } from './NodeTitle';

/** A picked jurisdiction: its id and the name to show even before its branch is loaded. */
export interface JurisdictionOption {
  value: string;
  label: string;
}

/**
 * Picks any number of jurisdictions from the user's own subtree, loading each level on demand.
 * Values carry their label so already-assigned nodes show by name without loading their branch.
 */
export function JurisdictionTreeSelect({
  value,
  onChange,
  id,
}: {
  value?: JurisdictionOption[];
  onChange?: (value: JurisdictionOption[]) => void;
  id?: string;
}) {
  const { t } = useI18n();
  const { roots, childrenById, load } = useLazyJurisdictionTree();
  const treeData = buildTree(roots.data ?? [], childrenById, (n) => ({
    value: n.id,
    label: n.name,
    title: <NodeTitle node={n} />,
    isLeaf: n.childCount === 0,
  }));

  return (
    <TreeSelect
      id={id}
      multiple
      labelInValue
      showSearch={{ treeNodeFilterProp: 'label' }}
      treeNodeLabelProp="label"
      value={value}
      onChange={(v: JurisdictionOption[]) => onChange?.(v.map(({ value: id, label }) => ({ value: id, label: String(label) })))}
      treeData={treeData}
      loadData={(node) => load(String(node.value))}
      loading={roots.isPending}
      placeholder={t('users.jurisdictionsPlaceholder')}
      style={{ width: '100%' }}
      listHeight={320}
      allowClear
    />
  );
}
