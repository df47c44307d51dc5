import { Tooltip } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n } from '../../../../i18n/I18nProvider';
import { useNotify } from '../../../../shared/hooks/useNotify';
import { useCodes } from '../../hooks/useDictionaries';
import { useLinkHouse, type PersonHouseKind } from '../../hooks/useRelations';
import type { Person, PersonOverview } from '../../types';
import { LinkModal } from '../LinkModal';
import { HousePicker } from '../Pickers';
import { RelationTable } from './RelationTable';

type Row = PersonOverview['houses'][number];

/** 房屋: where the person owns, rents, lives or runs a shop; 关联房屋 and 迁出 / 结束. */
export function HousesTab({ person, houses, canWrite }: { person: Person; houses: Row[]; canWrite: boolean }) {
  const { t } = useI18n();
  const codes = useCodes();
  const notify = useNotify();
  const link = useLinkHouse();

  return (
    <RelationTable<Row>
      rows={houses}
      canWrite={canWrite}
      emptyText="house.empty"
      addLabel="house.link"
      actionWidth={90}
      columns={[
        {
          title: t('house.label'),
          key: 'label',
          // The building's 楼盘表 shows the house among its neighbours.
          render: (_, r) => (
            <Tooltip title={t('house.openFloorPlan')}>
              <Link to={`/registry/buildings/${r.house.buildingId}`}>{r.house.label}</Link>
            </Tooltip>
          ),
        },
        { title: t('house.use'), key: 'use', width: 90, render: (_, r) => codes.name('houseUses', r.house.use) },
        { title: t('house.relationKind'), dataIndex: 'kind', width: 100, render: (k: string) => codes.name('personHouseKinds', k) },
      ]}
      end={(r) => ({
        relation: 'personHouse',
        label: r.kind === 'resident' || r.kind === 'tenant' ? 'house.moveOut' : 'relation.end',
        confirm: t('house.endConfirm', { name: person.name, house: r.house.label }),
      })}
      renderAdd={(close) => (
        <LinkModal
          title={t('house.linkTitle', { name: person.name })}
          targetName="houseId"
          targetLabel={t('house.label')}
          picker={<HousePicker />}
          codeName="kind"
          codeLabel={t('house.relationKind')}
          codeOptions={codes.options('personHouseKinds')}
          defaultCode="resident"
          saving={link.isPending}
          onClose={close}
          onSubmit={(v, fail) =>
            link.mutate(
              { personId: person.id, houseId: v.target, kind: v.code as PersonHouseKind, validFrom: v.validFrom },
              { onSuccess: () => (notify.success('relation.linked'), close()), onError: fail },
            )
          }
        />
      )}
    />
  );
}
