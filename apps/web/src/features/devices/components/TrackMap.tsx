import 'maplibre-gl/dist/maplibre-gl.css';
import { Map as MapLibre, NavigationControl, type GeoJSONSource, type MapLayerMouseEvent, type MapLayerTouchEvent, type MapMouseEvent, type MapTouchEvent } from 'maplibre-gl';
import { useEffect, useRef, useState } from 'react';
import { useMapConfig, useMapLayers } from '../../map/hooks/useMapData';
import { bboxAround } from '../../map/utils/bbox';
import { baseStyle, lngLat } from '../../map/utils/mapStyle';
import type { TrackPoint, Zone } from '../types';
import { dragDraft, type Handle, handlesGeoJson, removeVertex, trackUpTo, type ZoneDraft, zonesGeoJson } from '../utils/geo';

export type { ZoneDraft } from '../utils/geo';

const EMPTY = { type: 'FeatureCollection' as const, features: [] };

/** The draft's outline (a polygon closes once it has 3 corners) and its corners, as GeoJSON. */
function draftGeoJson(d: ZoneDraft) {
  if (d.shape === 'circle') {
    return d.lat ? zonesGeoJson([{ id: 'draft', name: '', shape: 'circle', center: d, radiusM: d.radiusM, polygon: null, exited: false }]) : EMPTY;
  }
  const coords = d.points.map((p) => [p.lng, p.lat]);
  const ring = d.points.length >= 3 ? [...coords, coords[0]!] : coords;
  return {
    type: 'FeatureCollection' as const,
    features: [
      ...(coords.length >= 3 ? [{ type: 'Feature' as const, properties: {}, geometry: { type: 'Polygon' as const, coordinates: [ring] } }] : []),
      ...(coords.length === 2 ? [{ type: 'Feature' as const, properties: {}, geometry: { type: 'LineString' as const, coordinates: ring } }] : []),
      ...coords.map((c, i) => ({ type: 'Feature' as const, properties: { n: i + 1 }, geometry: { type: 'Point' as const, coordinates: c } })),
    ],
  };
}

/**
 * The elder's map on the map module's offline style (no basemap needed): nearby buildings for
 * orientation, safe zones (red once left), the track up to the playback position and the current
 * position with its accuracy. A click reports the spot (a new zone's centre, or a polygon's next
 * corner). The zone being drawn or edited has handles: drag a circle's centre or the point on its
 * edge, a polygon's corners or the middle of an edge (a new corner); double-click a corner to
 * drop it. Each move reports the new outline through `onDraftChange`.
 */
export function TrackMap({
  zones, track, upTo, current, draft, onClick, onDraftChange, height = 520,
}: {
  zones: readonly Zone[];
  track: readonly TrackPoint[];
  upTo: number;
  current: { lat: number; lng: number; accuracy: number | null } | null;
  draft?: ZoneDraft | null;
  onClick?: (lat: number, lng: number) => void;
  onDraftChange?: (d: ZoneDraft) => void;
  height?: number | string;
}) {
  const config = useMapConfig();
  const el = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibre | null>(null);
  const clickRef = useRef(onClick);
  const draftRef = useRef(draft);
  const changeRef = useRef(onDraftChange);
  const [ready, setReady] = useState(false);
  const focus = current ?? track.at(-1) ?? zones[0]?.center ?? null;
  const [origin, setOrigin] = useState<[number, number] | null>(null);
  const layers = useMapLayers({ measure: 'floors', ...(origin ? { bbox: bboxAround(origin[0], origin[1]) } : {}) }, Boolean(origin));

  useEffect(() => {
    clickRef.current = onClick;
    draftRef.current = draft;
    changeRef.current = onDraftChange;
  }, [onClick, draft, onDraftChange]);

  useEffect(() => {
    if (!el.current || !config.data || mapRef.current) return;
    const map = new MapLibre({
      container: el.current, style: baseStyle(config.data), center: lngLat(config.data.center), zoom: Math.max(config.data.zoom, 15),
      attributionControl: false, dragRotate: false,
    });
    map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    map.on('load', () => {
      map.addSource('buildings', { type: 'geojson', data: EMPTY });
      map.addLayer({ id: 'buildings-fill', type: 'fill', source: 'buildings', paint: { 'fill-color': '#c9d6ea', 'fill-opacity': 0.7 } });
      map.addSource('zones', { type: 'geojson', data: EMPTY });
      map.addLayer({ id: 'zones-fill', type: 'fill', source: 'zones', paint: { 'fill-color': ['case', ['get', 'exited'], '#ff4d4f', '#52c41a'], 'fill-opacity': 0.15 } });
      map.addLayer({ id: 'zones-line', type: 'line', source: 'zones', paint: { 'line-color': ['case', ['get', 'exited'], '#cf1322', '#389e0d'], 'line-width': 2 } });
      map.addSource('draft', { type: 'geojson', data: EMPTY });
      map.addLayer({ id: 'draft-fill', type: 'fill', source: 'draft', filter: ['==', ['geometry-type'], 'Polygon'], paint: { 'fill-color': '#1677ff', 'fill-opacity': 0.1 } });
      map.addLayer({ id: 'draft-line', type: 'line', source: 'draft', filter: ['!=', ['geometry-type'], 'Point'], paint: { 'line-color': '#1677ff', 'line-width': 2, 'line-dasharray': [2, 2] } });
      map.addLayer({ id: 'draft-corner', type: 'circle', source: 'draft', filter: ['==', ['geometry-type'], 'Point'], paint: { 'circle-radius': 5, 'circle-color': '#fff', 'circle-stroke-color': '#1677ff', 'circle-stroke-width': 2 } });
      map.addSource('handles', { type: 'geojson', data: EMPTY });
      map.addLayer({
        id: 'draft-handle', type: 'circle', source: 'handles',
        paint: {
          'circle-radius': ['match', ['get', 'role'], 'mid', 4.5, 7], 'circle-color': ['match', ['get', 'role'], 'mid', '#bae0ff', '#ffffff'],
          'circle-stroke-color': ['match', ['get', 'role'], 'center', '#fa8c16', '#1677ff'], 'circle-stroke-width': 2.5,
        },
      });
      map.addSource('track', { type: 'geojson', data: EMPTY });
      map.addLayer({ id: 'track-line', type: 'line', source: 'track', paint: { 'line-color': '#722ed1', 'line-width': 3, 'line-opacity': 0.8 } });
      map.addSource('here', { type: 'geojson', data: EMPTY });
      map.addLayer({ id: 'here-dot', type: 'circle', source: 'here', paint: { 'circle-radius': 8, 'circle-color': '#1677ff', 'circle-stroke-color': '#fff', 'circle-stroke-width': 3 } });
      setReady(true);
    });
    map.on('click', (e) => {
      // a click on a handle is the end of a (short) drag, not a new corner
      if (map.getLayer('draft-handle') && map.queryRenderedFeatures(e.point, { layers: ['draft-handle'] }).length) return;
      clickRef.current?.(e.lngLat.lat, e.lngLat.lng);
    });
    // dragging a handle: the map does not pan meanwhile; each move reports the new outline
    const grab = (e: MapLayerMouseEvent | MapLayerTouchEvent) => {
      const f = e.features?.[0];
      if (!f || !draftRef.current || !changeRef.current) return;
      if ('points' in e && e.points.length !== 1) return;
      e.preventDefault();
      const role = String(f.properties.role);
      let handle: Handle = role === 'center' || role === 'radius' ? { role } : { role: role as 'vertex' | 'mid', i: Number(f.properties.i) };
      map.getCanvas().style.cursor = 'grabbing';
      function drop() {
        map.off('mousemove', move);
        map.off('touchmove', move);
        map.off('mouseup', drop);
        map.off('touchend', drop);
        map.getCanvas().style.cursor = '';
      }
      const move = (m: MapMouseEvent | MapTouchEvent) => {
        // released outside the map: the drag ended there
        if (m.originalEvent instanceof MouseEvent && m.originalEvent.buttons === 0) { drop(); return; }
        if (!draftRef.current) return;
        const next = dragDraft(draftRef.current, handle, { lat: m.lngLat.lat, lng: m.lngLat.lng });
        handle = next.handle;
        draftRef.current = next.draft;
        changeRef.current?.(next.draft);
      };
      map.on('mousemove', move);
      map.on('touchmove', move);
      map.on('mouseup', drop);
      map.on('touchend', drop);
    };
    map.on('mousedown', 'draft-handle', grab);
    map.on('touchstart', 'draft-handle', grab);
    map.on('dblclick', 'draft-handle', (e) => {
      const f = e.features?.[0];
      if (f?.properties.role !== 'vertex' || !draftRef.current) return;
      e.preventDefault();
      changeRef.current?.(removeVertex(draftRef.current, Number(f.properties.i)));
    });
    map.on('mouseenter', 'draft-handle', () => { map.getCanvas().style.cursor = 'grab'; });
    map.on('mouseleave', 'draft-handle', () => { map.getCanvas().style.cursor = ''; });
    mapRef.current = map;
    // For browser tests (e2e/devices.e2e.ts): the handles on the WebGL canvas are found by map.project.
    (window as { __linliElderMap?: MapLibre }).__linliElderMap = map;
    return () => {
      map.remove();
      mapRef.current = null;
      delete (window as { __linliElderMap?: MapLibre }).__linliElderMap;
    };
  }, [config.data]);

  // centre on the elder when their position becomes known (and load the buildings around it)
  const focusKey = focus ? `${focus.lat.toFixed(3)},${focus.lng.toFixed(3)}` : '';
  useEffect(() => {
    if (!ready || !focus) return;
    mapRef.current?.jumpTo({ center: [focus.lng, focus.lat], zoom: 16 });
    setOrigin([focus.lng, focus.lat]);
  }, [ready, focusKey]);

  useEffect(() => {
    if (!ready) return;
    mapRef.current?.getSource<GeoJSONSource>('buildings')?.setData(layers.data?.buildings ?? EMPTY);
  }, [ready, layers.data]);

  // the zone being edited is drawn as the draft (with handles), not twice
  const editing = draft?.id;
  useEffect(() => {
    if (!ready) return;
    mapRef.current?.getSource<GeoJSONSource>('zones')?.setData(zonesGeoJson(editing ? zones.filter((z) => z.id !== editing) : zones));
  }, [ready, zones, editing]);

  useEffect(() => {
    if (!ready) return;
    mapRef.current?.getSource<GeoJSONSource>('draft')?.setData(draft ? draftGeoJson(draft) : EMPTY);
    mapRef.current?.getSource<GeoJSONSource>('handles')?.setData(draft && onDraftChange ? handlesGeoJson(draft) : EMPTY);
  }, [ready, draft, onDraftChange]);

  useEffect(() => {
    if (!ready) return;
    const { line, last } = trackUpTo(track, upTo);
    mapRef.current?.getSource<GeoJSONSource>('track')?.setData(line);
    const here = upTo < track.length - 1 ? last : (current ?? last);
    mapRef.current?.getSource<GeoJSONSource>('here')?.setData(
      here ? { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [here.lng, here.lat] } } : EMPTY,
    );
  }, [ready, track, upTo, current]);

  return <div ref={el} style={{ width: '100%', height, borderRadius: 8, overflow: 'hidden', cursor: onClick ? 'crosshair' : undefined }} data-testid="elder-map" data-ready={ready ? 'yes' : 'no'} />;
}
