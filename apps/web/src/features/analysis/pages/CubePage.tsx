import { ArrowUpOutlined, DownloadOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Empty, Flex, Form, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { api } from '../../../api/client';
import { errorText, toApiError } from '../../../api/errors';
import { useI18n } from '../../../i18n/I18nProvider';
import { ErrorState } from '../../../shared/components/ErrorState';
import { PageHeader } from '../../../shared/components/PageHeader';
import { type Drill, DrillDrawer } from '../components/DrillDrawer';
import { downloadCube, useCatalogue, useCube, type CubeBody, type CubeResult } from '../hooks/useAnalysis';

type Dim = NonNullable<CubeBody['rows']>;
type Filters = NonNullable<CubeBody['filters']>;
/**
 * 数据立方: measures (from every module that registered one) pivoted by a row and a column
 * dimension with totals; the area dimension drills down and up the tree, the month one shows the
 * standing of each month on that month's tree; every number opens its records.
 */
export function CubePage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const catalogue = useCatalogue();
  const [measures, setMeasures] = useState<string[]>(['people', 'elders']);
  const [rows, setRows] = useState<Dim | null>('area');
  const [cols, setCols] = useState<Dim | null>('gender');
  const [node, setNode] = useState<string | undefined>();
  const [month, setMonth] = useState<string | undefined>();
  const [areaDepth, setAreaDepth] = useState(1);
  const [filters, setFilters] = useState<Filters>({});
  const [drill, setDrill] = useState<Drill | null>(null);
  const body: CubeBody = useMemo(() => ({ measures, rows, cols, areaDepth, monthCount: 12, filters, ...(node ? { jurisdictionId: node } : {}), ...(month ? { month } : {}) }), [measures, rows, cols, areaDepth, filters, node, month]);
  const cube = useCube(measures.length ? body : null);
  const c = cube.data;
  const cat = catalogue.data;
  const nm = (x: { name: string; nameEn: string }) => (lang === 'zh' ? x.name : x.nameEn);
  const selected = cat?.measures.filter((m) => measures.includes(m.code)) ?? [];
  const usable = (d: Dim) => selected.every((m) => m.dims.includes(d));
  const dimOptions = (cat?.dimensions ?? []).map((d) => ({ value: d.code, label: nm(d), disabled: !usable(d.code) }));

  const openCell = async (measure: string, rowKey: string | null, colKey: string | null, title: string) => {
    if (!c) return;
    const keys: Record<string, string> = { ...(filters as Record<string, string>) };
    if (c.rowDim && rowKey !== null) keys[c.rowDim] = rowKey;
    if (c.colDim && colKey !== null) keys[c.colDim] = colKey;
    const r = await api.POST('/api/analysis/drill', { body: { measure, jurisdictionId: c.node.id, month: c.month, keys } });
    // the server says why a cell cannot be listed (a cut its list does not filter by …)
    if (!r.data) {
      const body: unknown = (r as { error?: unknown }).error;
      void message.warning(body ? errorText(toApiError(r.response.status, body), lang) : t('analysis.noDrill'));
      return;
    }
    setDrill({ title, list: r.data.list, query: r.data.query });
  };

  const columns = useMemo<ColumnsType<CubeResult['rows'][number] & { i: number }>>(() => {
    if (!c) return [];
    const multi = c.measures.length > 1;
    const label = (dim: 'rows' | 'cols', key: string | null) => {
      const x = key === null ? undefined : c[dim].find((r) => r.key === key);
      return x ? (lang === 'zh' ? x.label : x.labelEn) : '';
    };
    // a cell's month: its row's or column's when cut by month, else the month asked for
    const asked = `${c.month}-01`;
    const monthOf = (rowKey: string | null, colKey: string | null) => (c.rowDim === 'month' ? rowKey : c.colDim === 'month' ? colKey : asked);
    const cell = (v: number, m: CubeResult['measures'][number], rowKey: string | null, colKey: string | null, acrossMonths = false) => {
      if (!v || !m.drillable) return v.toLocaleString();
      const current = c.current && monthOf(rowKey, colKey) === asked;
      const why = acrossMonths ? t('analysis.drillTotal') : !current && !m.drillsPast ? t('analysis.drillPast') : null;
      if (why) return <Tooltip title={why}><span className="cube-cell-closed">{v.toLocaleString()}</span></Tooltip>;
      return <a data-testid="cube-cell" data-measure={m.code} onClick={() => void openCell(m.code, rowKey, colKey, [label('rows', rowKey) || c.node.name, label('cols', colKey), nm(m)].filter(Boolean).join(' · '))}>{v.toLocaleString()}</a>;
    };
    const head: ColumnsType<CubeResult['rows'][number] & { i: number }> = [{
      title: c.rowDim ? nm(cat?.dimensions.find((d) => d.code === c.rowDim) ?? { name: '', nameEn: '' }) : '',
      dataIndex: 'label', fixed: 'left', width: 180,
      sorter: (a, b) => a.key.localeCompare(b.key),
      render: (_: string, r) => (c.rowDim === 'area' && r.nodeId && r.key !== c.node.path
        ? <a onClick={() => setNode(r.nodeId!)}>{lang === 'zh' ? r.label : r.labelEn}</a>
        : c.rowDim === 'month' ? <a onClick={() => { setMonth(r.key.slice(0, 7)); setRows('area'); }}>{lang === 'zh' ? r.label : r.labelEn}</a>
        : (lang === 'zh' ? r.label : r.labelEn)),
    }];
    const body = c.cols.flatMap((col, j) => c.measures.map((m, k) => ({
      title: [c.colDim ? (lang === 'zh' ? col.label : col.labelEn) : '', multi || !c.colDim ? nm(m) : ''].filter(Boolean).join(' · '),
      key: `${j}-${k}`, align: 'right' as const,
      sorter: (a: { i: number }, b: { i: number }) => c.values[a.i]![j]![k]! - c.values[b.i]![j]![k]!,
      render: (_: unknown, r: { i: number; key: string }) => cell(c.values[r.i]![j]![k]!, m, c.rowDim ? r.key : null, c.colDim ? col.key : null),
    })));
    const totals = c.colDim ? c.measures.map((m, k) => ({
      title: `${t('analysis.total')}${multi ? ` · ${nm(m)}` : ''}`, key: `t-${k}`, align: 'right' as const,
      render: (_: unknown, r: { i: number; key: string }) => <b>{cell(c.rowTotals[r.i]![k]!, m, c.rowDim ? r.key : null, null, c.colDim === 'month')}</b>,
    })) : [];
    return [...head, ...body, ...totals];
  }, [c, cat, lang]);

  if (cube.isError && !c) return <ErrorState error={cube.error} onRetry={() => void cube.refetch()} />;
  const dataSource = (c?.rows ?? []).map((r, i) => ({ ...r, i }));
  const filterDims: (keyof Filters)[] = ['ageBand', 'gender', 'ethnicity', 'tag', 'hukou', 'houseUse', 'eventKind', 'eventState'];
  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={`${t('menu.analysisCube')}${c ? ` · ${c.node.name}` : ''}`}
        extra={
          <Space wrap>
            {c?.node.parentId && <Button icon={<ArrowUpOutlined />} onClick={() => setNode(c.node.parentId!)}>{t('analysis.up')}</Button>}
            <Button icon={<DownloadOutlined />} disabled={!c} onClick={() => void downloadCube(body).catch(() => message.error(t('analysis.export')))}>{t('analysis.export')}</Button>
          </Space>
        }
      />
      <Card>
        <Form layout="inline" style={{ rowGap: 12 }}>
          <Form.Item label={t('analysis.measures')}>
            <Select data-testid="cube-measures" mode="multiple" style={{ minWidth: 320 }} value={measures} onChange={setMeasures} maxCount={6} showSearch optionFilterProp="label"
              options={(cat?.measures ?? []).map((m) => ({ value: m.code, label: nm(m) }))} />
          </Form.Item>
          <Form.Item label={t('analysis.rows')}>
            <Select data-testid="cube-rows" style={{ width: 130 }} value={rows ?? '__none'} onChange={(v) => setRows(v === '__none' ? null : (v as Dim))}
              options={[{ value: '__none', label: t('analysis.none') }, ...dimOptions]} />
          </Form.Item>
          <Form.Item label={t('analysis.cols')}>
            <Select data-testid="cube-cols" style={{ width: 130 }} value={cols ?? '__none'} onChange={(v) => setCols(v === '__none' ? null : (v as Dim))}
              options={[{ value: '__none', label: t('analysis.none') }, ...dimOptions]} />
          </Form.Item>
          <Form.Item label={t('analysis.depth')}>
            <Select style={{ width: 110 }} value={areaDepth} onChange={setAreaDepth} options={[{ value: 1, label: t('analysis.depth1') }, { value: 2, label: t('analysis.depth2') }]} />
          </Form.Item>
          <Form.Item label={t('analysis.month')}>
            <DatePicker picker="month" value={month ? dayjs(`${month}-01`) : null} disabledDate={(d) => d.isAfter(dayjs(), 'month')} onChange={(d) => setMonth(d ? d.format('YYYY-MM') : undefined)} />
          </Form.Item>
        </Form>
        <Flex gap={8} wrap style={{ marginTop: 12 }} align="center">
          <Typography.Text type="secondary">{t('analysis.filters')}</Typography.Text>
          {filterDims.map((d) => (
            <Select key={d} allowClear placeholder={nm(cat?.dimensions.find((x) => x.code === d) ?? { name: d, nameEn: d })} style={{ width: 130 }}
              disabled={!usable(d)} value={filters[d]} showSearch optionFilterProp="label"
              onChange={(v?: string) => setFilters((f) => { const n = { ...f }; if (v === undefined) delete n[d]; else (n as Record<string, string>)[d] = v; return n; })}
              options={(cat?.members[d] ?? []).map((m) => ({ value: m.key, label: lang === 'zh' ? m.label : m.labelEn }))} />
          ))}
        </Flex>
      </Card>
      <Card
        title={c ? `${c.node.name} · ${c.month}${c.current ? '' : ''}` : ''}
        extra={<Space>{cols === 'tag' || rows === 'tag' ? <Tag color="orange">{t('analysis.tagTotalNote')}</Tag> : null}<Typography.Text type="secondary">{t('analysis.cellHint')}</Typography.Text></Space>}
      >
        <Table
          data-testid="cube-table" size="small" bordered rowKey="key" loading={cube.isFetching} dataSource={dataSource} columns={columns}
          scroll={{ x: 'max-content' }} pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: true }}
          locale={{ emptyText: <Empty description={t('analysis.empty')} /> }}
          summary={() => (c && dataSource.length ? (
            <Table.Summary fixed>
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}><b>{t('analysis.total')}</b></Table.Summary.Cell>
                {c.colTotals.flatMap((ct, j) => ct.map((v, k) => <Table.Summary.Cell key={`${j}-${k}`} index={1 + j * ct.length + k} align="right"><b>{v.toLocaleString()}</b></Table.Summary.Cell>))}
                {c.colDim ? c.totals.map((v, k) => <Table.Summary.Cell key={`g-${k}`} index={1000 + k} align="right"><b>{v.toLocaleString()}</b></Table.Summary.Cell>) : null}
              </Table.Summary.Row>
            </Table.Summary>
          ) : null)}
        />
      </Card>
      <DrillDrawer drill={drill} members={cat?.members} onClose={() => setDrill(null)} />
    </Flex>
  );
}
