import { Card, Empty, Space, Tag } from 'antd';
import { useNavigate, useParams } from 'react-router-dom';
import { useI18n } from '../../../i18n/I18nProvider';
import { useLocal } from '../hooks/useSurveyStore';
import { floorsOf } from '../utils/houses';

/** 楼盘表 of one building: floors from the top, each house coloured by whether it was visited. */
export function BuildingScreen() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const data = useLocal(async (db) => {
    const [building, houses, visits, residences] = await Promise.all([
      db.get('buildings', id), db.getAllFromIndex('houses', 'building', id), db.getAll('visits'), db.getAll('residences'),
    ]);
    const local = new Map(visits.map((v) => [v.houseId, v]));
    const people = new Map<string, Set<string>>();
    for (const r of residences) people.set(r.houseId, (people.get(r.houseId) ?? new Set()).add(r.personId));
    const residents = new Map([...people].map(([house, ids]) => [house, ids.size]));
    const floors = floorsOf(houses);
    // one row per floor, as many columns as the widest floor has houses (at most 4 on a phone)
    const columns = Math.min(4, Math.max(1, ...floors.map((f) => f.houses.length)));
    return { building, floors, local, residents, columns };
  }, [id]);
  if (!data) return null;
  if (!data.building) return <div className="survey-body"><Empty description={t('survey.building.missing')} /></div>;

  const stateOf = (houseId: string, last: { outcome: string } | null) => {
    const v = data.local.get(houseId);
    if (v && !v.synced) return 'pending';
    const outcome = v?.outcome ?? last?.outcome;
    if (!outcome) return '';
    return outcome === 'absent' || outcome === 'refused' ? 'absent' : 'visited';
  };
  return (
    <div className="survey-body">
      <Card size="small" title={[data.building.estateName, data.building.name].filter(Boolean).join(' ')}>
        <Space size={4} wrap style={{ marginBottom: 8 }}>
          <Tag>{t('survey.legend.none')}</Tag>
          <Tag color="blue">{t('survey.legend.pending')}</Tag>
          <Tag color="green">{t('survey.legend.visited')}</Tag>
          <Tag color="gold">{t('survey.legend.absent')}</Tag>
        </Space>
        {data.floors.length === 0 && <Empty description={t('survey.building.noHouses')} />}
        {data.floors.map((f) => (
          <div className="survey-floor" key={f.floor}>
            <div className="survey-floor-label">{t('survey.floor', { n: f.floor })}</div>
            <div className="survey-grid" style={{ marginBottom: 6, gridTemplateColumns: `repeat(${data.columns}, minmax(0, 1fr))` }}>
              {f.houses.map((h) => (
                <div key={h.id} role="button" tabIndex={0} data-testid={`house-${h.id}`} className={`survey-house ${stateOf(h.id, h.lastVisit)}`}
                  onClick={() => navigate(`/survey/houses/${h.id}`)} onKeyDown={(e) => e.key === 'Enter' && navigate(`/survey/houses/${h.id}`)}>
                  {h.number}
                  <small>{t('survey.house.unitResidents', { unit: h.unitNo, n: data.residents.get(h.id) ?? 0 })}</small>
                </div>
              ))}
            </div>
          </div>
        ))}
      </Card>
    </div>
  );
}
