import 'maplibre-gl/dist/maplibre-gl.css';
import { Map as MapLibre, Marker, NavigationControl, type GeoJSONSource } from 'maplibre-gl';
import { useEffect, useRef, useState } from 'react';
import { useMapConfig, useMapLayers } from '../hooks/useMapData';
import { bboxAround, roundCoord } from '../utils/bbox';
import { baseStyle, lngLat } from '../utils/mapStyle';

const EMPTY = { type: 'FeatureCollection' as const, features: [] };

/**
 * A small flat map to pick a position: click or drag the marker. Nearby building footprints are
 * drawn for orientation (no basemap is needed, nothing is fetched from outside).
 */
export function PickMap({
  lon,
  lat,
  onPick,
  near,
  height = 220,
}: {
  lon?: number | null;
  lat?: number | null;
  onPick: (lon: number, lat: number) => void;
  /** Where to open when nothing is picked yet (the estate of a new building); else the city's start view. */
  near?: [number, number];
  height?: number;
}) {
  const config = useMapConfig();
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibre | null>(null);
  const markerRef = useRef<Marker | null>(null);
  const pickRef = useRef(onPick);
  const [ready, setReady] = useState(false);
  const has = typeof lon === 'number' && typeof lat === 'number';
  // Buildings around where the picker opened; a later pick does not reload them.
  const [origin] = useState(() => (has ? ([lon, lat] as [number, number]) : near));
  const center = origin ?? (config.data ? lngLat(config.data.center) : undefined);
  const layers = useMapLayers({ measure: 'floors', ...(center ? { bbox: bboxAround(center[0], center[1]) } : {}) }, Boolean(center));

  useEffect(() => {
    pickRef.current = onPick;
  }, [onPick]);

  useEffect(() => {
    if (!container.current || !config.data || mapRef.current) return;
    const start = origin ?? lngLat(config.data.center);
    const map = new MapLibre({
      container: container.current,
      style: baseStyle(config.data),
      center: start,
      zoom: origin ? 17 : Math.max(config.data.zoom, 15),
      attributionControl: false,
      dragRotate: false,
    });
    map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    map.on('load', () => {
      map.addSource('nearby', { type: 'geojson', data: EMPTY });
      map.addLayer({ id: 'nearby-fill', type: 'fill', source: 'nearby', paint: { 'fill-color': '#9ec5fe', 'fill-opacity': 0.6 } });
      map.addLayer({ id: 'nearby-line', type: 'line', source: 'nearby', paint: { 'line-color': '#5b8ff9', 'line-width': 1 } });
      setReady(true);
    });
    map.on('click', (e) => pickRef.current(roundCoord(e.lngLat.lng), roundCoord(e.lngLat.lat)));
    mapRef.current = map;
    return () => {
      map.remove();
      mapRef.current = null;
      markerRef.current = null;
    };
  }, [config.data, origin]);

  useEffect(() => {
    const source = ready ? mapRef.current?.getSource<GeoJSONSource>('nearby') : undefined;
    source?.setData(layers.data?.buildings ?? EMPTY);
  }, [ready, layers.data]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    if (!has) {
      markerRef.current?.remove();
      markerRef.current = null;
      return;
    }
    if (!markerRef.current) {
      const marker = new Marker({ draggable: true, color: '#1d5bd8' }).setLngLat([lon, lat]).addTo(map);
      marker.on('dragend', () => {
        const p = marker.getLngLat();
        pickRef.current(roundCoord(p.lng), roundCoord(p.lat));
      });
      markerRef.current = marker;
    } else {
      markerRef.current.setLngLat([lon, lat]);
    }
  }, [has, lon, lat, ready]);

  return <div ref={container} style={{ height, borderRadius: 6, overflow: 'hidden', border: '1px solid #d9d9d9' }} />;
}
