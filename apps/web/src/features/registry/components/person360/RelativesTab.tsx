import { Link } from 'react-router-dom';
import { useI18n } from '../../../../i18n/I18nProvider';
import { useNotify } from '../../../../shared/hooks/useNotify';
import { useCodes } from '../../hooks/useDictionaries';
import { useAddRelative } from '../../hooks/useRelations';
import type { Person, PersonOverview } from '../../types';
import { LinkModal } from '../LinkModal';
import { PersonPicker } from '../Pickers';
import { RelationTable } from './RelationTable';

type Row = PersonOverview['relatives'][number];

/** 亲属关系: family relations (GB/T 4761) to other registered people; 添加 and 结束. */
export function RelativesTab({ person, relatives, canWrite }: { person: Person; relatives: Row[]; canWrite: boolean }) {
  const { t } = useI18n();
  const codes = useCodes();
  const notify = useNotify();
  const add = useAddRelative();

  return (
    <RelationTable<Row>
      rows={relatives}
      canWrite={canWrite}
      emptyText="relative.empty"
      addLabel="relative.add"
      columns={[
        {
          title: t('person.name'),
          key: 'name',
          width: 120,
          render: (_, r) => <Link to={`/registry/people/${r.person.id}`}>{r.person.name}</Link>,
        },
        {
          title: t('relative.relation'),
          key: 'relation',
          width: 180,
          // A relation recorded from the other person's side reads the other way round (本人是其子).
          render: (_, r) => {
            const name = codes.name('familyRelations', r.relationCode, r.relationName);
            return r.direction === 'in' ? t('relative.inverse', { relation: name }) : name;
          },
        },
        { title: t('person.gender'), key: 'gender', width: 70, render: (_, r) => codes.name('genders', r.person.gender) },
        { title: t('person.age'), key: 'age', width: 70, render: (_, r) => r.person.age ?? '—' },
      ]}
      end={(r) => ({ relation: 'personRelation', label: 'relation.end', confirm: t('relative.endConfirm', { name: person.name, other: r.person.name }) })}
      renderAdd={(close) => (
        <LinkModal
          title={t('relative.addTitle', { name: person.name })}
          targetName="relatedPersonId"
          targetLabel={t('relative.person')}
          picker={<PersonPicker excludeId={person.id} />}
          codeName="relationCode"
          codeLabel={t('relative.relationOf', { name: person.name })}
          codeOptions={codes.options('familyRelations').map((o) => ({ value: o.value, label: `${o.value} ${o.label}` }))}
          saving={add.isPending}
          onClose={close}
          onSubmit={(v, fail) =>
            add.mutate(
              { personId: person.id, relatedPersonId: v.target, relationCode: v.code, validFrom: v.validFrom },
              { onSuccess: () => (notify.success('relation.linked'), close()), onError: fail },
            )
          }
        />
      )}
    />
  );
}
