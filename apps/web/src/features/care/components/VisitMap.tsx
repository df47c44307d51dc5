import 'maplibre-gl/dist/maplibre-gl.css';
import { Map as MapLibre, Marker, NavigationControl, LngLatBounds } from 'maplibre-gl';
import { useEffect, useRef } from 'react';
import { baseStyle } from '../../map/utils/mapStyle';

export interface VisitPoint { lat: number; lon: number; label: string; color: string }

/** A circle of `radius` metres around a point, as a GeoJSON polygon (the check-in tolerance). */
function circle(lon: number, lat: number, radius: number) {
  const ring: [number, number][] = [];
  for (let i = 0; i <= 48; i++) {
    const a = (i / 48) * 2 * Math.PI;
    ring.push([lon + (radius * Math.cos(a)) / (111_320 * Math.cos((lat * Math.PI) / 180)), lat + (radius * Math.sin(a)) / 110_540]);
  }
  return { type: 'Feature' as const, properties: {}, geometry: { type: 'Polygon' as const, coordinates: [ring] } };
}

/**
 * A small map of a visit: the elder's home with the provider's tolerance circle, where the
 * caregiver checked in and out, and where photos were taken. No basemap is needed (nothing is
 * fetched from outside unless a tile URL is configured).
 */
export function VisitMap({ home, toleranceM, points, height = 240 }: { home: { lat: number; lon: number } | null; toleranceM: number; points: VisitPoint[]; height?: number }) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    const all = [...(home ? [home] : []), ...points];
    if (!all.length) return;
    const map = new MapLibre({ container: el.current, style: baseStyle(undefined), center: [all[0]!.lon, all[0]!.lat], zoom: 15, attributionControl: false, dragRotate: false });
    map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    map.on('load', () => {
      if (home) {
        map.addSource('tolerance', { type: 'geojson', data: circle(home.lon, home.lat, toleranceM) });
        map.addLayer({ id: 'tolerance-fill', type: 'fill', source: 'tolerance', paint: { 'fill-color': '#1677ff', 'fill-opacity': 0.08 } });
        map.addLayer({ id: 'tolerance-line', type: 'line', source: 'tolerance', paint: { 'line-color': '#1677ff', 'line-dasharray': [2, 2] } });
      }
    });
    if (home) new Marker({ color: '#1677ff' }).setLngLat([home.lon, home.lat]).addTo(map);
    for (const p of points) {
      const dot = document.createElement('div');
      dot.className = 'care-map-dot';
      dot.style.background = p.color;
      dot.title = p.label;
      dot.textContent = p.label.slice(0, 1);
      new Marker({ element: dot }).setLngLat([p.lon, p.lat]).addTo(map);
    }
    if (all.length > 1) {
      const b = new LngLatBounds();
      for (const p of all) b.extend([p.lon, p.lat]);
      map.fitBounds(b, { padding: 40, maxZoom: 17, duration: 0 });
    }
    return () => map.remove();
  }, [home, toleranceM, points]);
  return <div ref={el} data-testid="care-visit-map" style={{ width: '100%', height, borderRadius: 6, overflow: 'hidden', background: '#eef2f7' }} />;
}
