import { useI18n } from '../../../../i18n/I18nProvider';
import { useNotify } from '../../../../shared/hooks/useNotify';
import { useCodes } from '../../hooks/useDictionaries';
import { useAddOrganization, type PersonOrgKind } from '../../hooks/useRelations';
import type { Person, PersonOverview } from '../../types';
import { LinkModal } from '../LinkModal';
import { OrganizationPicker } from '../Pickers';
import { RelationTable } from './RelationTable';

type Row = PersonOverview['organizations'][number];

/** 单位: where the person works, whom they represent or are the contact of; 关联 and 结束. */
export function OrganizationsTab({ person, organizations, canWrite }: { person: Person; organizations: Row[]; canWrite: boolean }) {
  const { t } = useI18n();
  const codes = useCodes();
  const notify = useNotify();
  const add = useAddOrganization();

  return (
    <RelationTable<Row>
      rows={organizations}
      canWrite={canWrite}
      emptyText="org.empty"
      addLabel="org.link"
      columns={[
        { title: t('org.name'), key: 'name', render: (_, r) => r.org.name },
        { title: t('org.type'), key: 'type', width: 110, render: (_, r) => codes.name('orgTypes', r.org.type) },
        { title: t('org.kind'), dataIndex: 'kind', width: 110, render: (k: string) => codes.name('personOrgKinds', k) },
      ]}
      end={(r) => ({ relation: 'personOrg', label: 'relation.end', confirm: t('org.endConfirm', { name: person.name, org: r.org.name }) })}
      renderAdd={(close) => (
        <LinkModal
          title={t('org.linkTitle', { name: person.name })}
          targetName="orgId"
          targetLabel={t('org.name')}
          picker={<OrganizationPicker />}
          codeName="kind"
          codeLabel={t('org.kind')}
          codeOptions={codes.options('personOrgKinds')}
          defaultCode="employee"
          saving={add.isPending}
          onClose={close}
          onSubmit={(v, fail) =>
            add.mutate(
              { personId: person.id, orgId: v.target, kind: v.code as PersonOrgKind, validFrom: v.validFrom },
              { onSuccess: () => (notify.success('relation.linked'), close()), onError: fail },
            )
          }
        />
      )}
    />
  );
}
