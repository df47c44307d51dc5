import 'maplibre-gl/dist/maplibre-gl.css';
import { Map as MapLibre, NavigationControl, type GeoJSONSource } from 'maplibre-gl';
import { useEffect, useRef, useState } from 'react';
import { useMapConfig, useMapLayers } from '../../map/hooks/useMapData';
import { bboxAround } from '../../map/utils/bbox';
import { baseStyle, lngLat } from '../../map/utils/mapStyle';
import type { TrackPoint, Zone } from '../types';
import { trackUpTo, zonesGeoJson } from '../utils/geo';

const EMPTY = { type: 'FeatureCollection' as const, features: [] };

/** A safe zone being drawn: a circle (centre 0,0 until clicked) or a polygon's corners so far. */
export type ZoneDraft =
  | { shape: 'circle'; lat: number; lng: number; radiusM: number }
  | { shape: 'polygon'; points: { lat: number; lng: number }[] };

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
      ...(coords.length >= 2 ? [{ type: 'Feature' as const, properties: {}, geometry: { type: 'LineString' as const, coordinates: ring } }] : []),
      ...coords.map((c, i) => ({ type: 'Feature' as const, properties: { n: i + 1 }, geometry: { type: 'Point' as const, coordinates: c } })),
    ],
  };
}

/**
 * The elder's map on the map module's offline style (no basemap needed): nearby buildings for
 * orientation, safe zones (red once left), the track up to the playback position and the current
 * position with its accuracy. A click reports the spot (a new zone's centre, or a polygon's next corner).
 */
export function TrackMap({
  zones, track, upTo, current, draft, onClick, height = 520,
}: {
  zones: readonly Zone[];
  track: readonly TrackPoint[];
  upTo: number;
  current: { lat: number; lng: number; accuracy: number | null } | null;
  draft?: ZoneDraft | null;
  onClick?: (lat: number, lng: number) => void;
  height?: number | string;
}) {
  const config = useMapConfig();
  const el = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibre | null>(null);
  const clickRef = useRef(onClick);
  const [ready, setReady] = useState(false);
  const focus = current ?? track.at(-1) ?? zones[0]?.center ?? null;
  const [origin, setOrigin] = useState<[number, number] | null>(null);
  const layers = useMapLayers({ measure: 'floors', ...(origin ? { bbox: bboxAround(origin[0], origin[1]) } : {}) }, Boolean(origin));

  useEffect(() => { clickRef.current = onClick; }, [onClick]);

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
      map.addLayer({ id: 'draft-line', type: 'line', source: 'draft', filter: ['!=', ['geometry-type'], 'Point'], paint: { 'line-color': '#1677ff', 'line-width': 2, 'line-dasharray': [2, 2] } });
      map.addLayer({ id: 'draft-corner', type: 'circle', source: 'draft', filter: ['==', ['geometry-type'], 'Point'], paint: { 'circle-radius': 5, 'circle-color': '#fff', 'circle-stroke-color': '#1677ff', 'circle-stroke-width': 2 } });
      map.addSource('track', { type: 'geojson', data: EMPTY });
      map.addLayer({ id: 'track-line', type: 'line', source: 'track', paint: { 'line-color': '#722ed1', 'line-width': 3, 'line-opacity': 0.8 } });
      map.addSource('here', { type: 'geojson', data: EMPTY });
      map.addLayer({ id: 'here-dot', type: 'circle', source: 'here', paint: { 'circle-radius': 8, 'circle-color': '#1677ff', 'circle-stroke-color': '#fff', 'circle-stroke-width': 3 } });
      setReady(true);
    });
    map.on('click', (e) => clickRef.current?.(e.lngLat.lat, e.lngLat.lng));
    mapRef.current = map;
    return () => { map.remove(); mapRef.current = null; };
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

  useEffect(() => {
    if (!ready) return;
    mapRef.current?.getSource<GeoJSONSource>('zones')?.setData(zonesGeoJson(zones));
  }, [ready, zones]);

  useEffect(() => {
    if (!ready) return;
    mapRef.current?.getSource<GeoJSONSource>('draft')?.setData(draft ? draftGeoJson(draft) : EMPTY);
  }, [ready, draft]);

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
