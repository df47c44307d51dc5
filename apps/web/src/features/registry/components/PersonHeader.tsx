import { ArrowLeftOutlined, CheckCircleOutlined, EditOutlined, EyeOutlined } from '@ant-design/icons';
import { Avatar, Button, Card, Descriptions, Flex, Popconfirm, Space, Tag, Tooltip, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n } from '../../../i18n/I18nProvider';
import { useNotify } from '../../../shared/hooks/useNotify';
import { formatDateTime } from '../../../shared/utils/format';
import { useCodes } from '../hooks/useDictionaries';
import { useUpdatePerson } from '../hooks/usePeople';
import type { Person } from '../types';
import { PersonStatusTag } from './PersonStatusTag';
import { PersonTags } from './PersonTags';

/** The top of the 360° page: who this is, where they belong, and what the worker may do. */
export function PersonHeader({
  person,
  canWrite,
  canUnmask,
  onEdit,
  onUnmask,
}: {
  person: Person;
  canWrite: boolean;
  canUnmask: boolean;
  onEdit: () => void;
  onUnmask: () => void;
}) {
  const { t } = useI18n();
  const codes = useCodes();
  const notify = useNotify();
  const update = useUpdatePerson();
  const dash = <Typography.Text type="secondary">—</Typography.Text>;

  const verify = () =>
    update
      .mutateAsync(
        { id: person.id, body: { verified: true, version: person.version } },
        { onSuccess: () => notify.success('person.verifiedOk'), onError: (err) => notify.error(err, { versioned: true }) },
      )
      .catch(() => undefined);

  return (
    <Card>
      <Flex vertical gap={16}>
        <Flex justify="space-between" align="flex-start" gap={16} wrap>
          <Flex gap={16} align="center">
            <Avatar size={56} style={{ background: person.gender === 2 ? '#c41d7f' : '#1d5bd8', fontSize: 24, flex: 'none' }}>
              {Array.from(person.name)[0]}
            </Avatar>
            <Flex vertical gap={6}>
              <Flex align="center" gap={8} wrap>
                <Typography.Title level={3} style={{ margin: 0 }}>
                  {person.name}
                </Typography.Title>
                <PersonStatusTag status={person.status} />
                {person.verifiedAt ? (
                  <Tooltip title={t('person.verifiedAtTip', { time: formatDateTime(person.verifiedAt) })}>
                    <Tag icon={<CheckCircleOutlined />} color="success" style={{ marginInlineEnd: 0 }}>
                      {t('person.verified')}
                    </Tag>
                  </Tooltip>
                ) : (
                  <Tag style={{ marginInlineEnd: 0 }}>{t('person.unverified')}</Tag>
                )}
              </Flex>
              <PersonTags tags={person.tags} />
            </Flex>
          </Flex>
          <Space wrap>
            <Link to="/registry/people">
              <Button icon={<ArrowLeftOutlined />}>{t('person.backToList')}</Button>
            </Link>
            {canUnmask && (
              <Button icon={<EyeOutlined />} onClick={onUnmask}>
                {t('unmask.action')}
              </Button>
            )}
            {canWrite && (
              <Popconfirm
                title={t('person.verifyConfirm')}
                description={t('person.verifyDesc')}
                okText={t('person.verify')}
                cancelText={t('common.cancel')}
                okButtonProps={{ loading: update.isPending }}
                onConfirm={verify}
              >
                <Button icon={<CheckCircleOutlined />}>{t('person.verify')}</Button>
              </Popconfirm>
            )}
            {canWrite && (
              <Button type="primary" icon={<EditOutlined />} onClick={onEdit}>
                {t('person.edit')}
              </Button>
            )}
          </Space>
        </Flex>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 3 }}
          items={[
            { key: 'cid', label: t('person.citizenId'), children: person.citizenIdMasked ? <span className="mono">{person.citizenIdMasked}</span> : dash },
            { key: 'phone', label: t('person.phone'), children: person.phoneMasked ? <span className="mono">{person.phoneMasked}</span> : dash },
            { key: 'gender', label: t('person.gender'), children: codes.name('genders', person.gender) || dash },
            { key: 'age', label: t('person.age'), children: person.age !== null ? t('person.ageYears', { age: person.age }) : dash },
            { key: 'ethnicity', label: t('person.ethnicity'), children: person.ethnicity ? codes.name('ethnicities', person.ethnicity) : dash },
            {
              key: 'jurisdiction',
              label: t('person.jurisdiction'),
              children: person.jurisdiction.pathNames.length ? person.jurisdiction.pathNames.join(' / ') : dash,
            },
          ]}
        />
      </Flex>
    </Card>
  );
}
