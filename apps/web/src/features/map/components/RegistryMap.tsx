import 'maplibre-gl/dist/maplibre-gl.css';
import {
  Map as MapLibre,
  Marker,
  NavigationControl,
  Popup,
  ScaleControl,
  type ExpressionSpecification,
  type GeoJSONSource,
  type MapGeoJSONFeature,
} from 'maplibre-gl';
import { useEffect, useRef, useState } from 'react';
import type { BuildingProps, MapConfig, MapLayers } from '../types';
import { placeLabels } from '../utils/labels';
import { baseStyle, boundsOf, colorExpression, lngLat, thingColorExpression } from '../utils/mapStyle';

const EMPTY = { type: 'FeatureCollection' as const, features: [] };
const SELECTED_COLOR = '#722ed1';
/** Over a large jurisdiction, areas are drawn from this zoom on (a street's communities in view). */
const AREA_MIN_ZOOM = 12;
/** Most area labels drawn at once (HTML markers, repositioned every frame). */
const MAX_LABELS = 150;

/** Texts the map draws itself (popups, labels) in the reader's language. */
export interface MapTexts {
  thingKind: (code: string) => string;
  thingStatus: (code: string) => string;
  floors: (n: number) => string;
}

function el(tag: string, className: string, text?: string): HTMLElement {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function colorWithSelection(max: number, selectedId: string | undefined): ExpressionSpecification {
  const base = colorExpression(max);
  return selectedId ? ['case', ['==', ['get', 'id'], selectedId], SELECTED_COLOR, base] : base;
}

/**
 * The 2.5D registry map: buildings extruded by their height and coloured by the chosen measure,
 * communities and grids as translucent areas with HTML name labels (no glyph server is needed),
 * things as coloured dots. Clicking a building selects it; the page shows the rest.
 */
export function RegistryMap({
  config,
  layers,
  colorMax,
  selectedId,
  onSelect,
  fitKey,
  focus,
  showAreas,
  showThings,
  texts,
  fitAreas = false,
  areasMaxZoom,
  onView,
  dark = false,
}: {
  config: MapConfig;
  layers: MapLayers | undefined;
  /** Top of the colour scale (see scaleMax). */
  colorMax: number;
  selectedId: string | undefined;
  onSelect: (building: BuildingProps | null) => void;
  /** Changes when the map should frame its data again (another jurisdiction); undefined while loading. */
  fitKey: string | undefined;
  /** A box to fly to (an area picked in the side list); a new object each time. */
  focus?: { bounds: [number, number, number, number] };
  showAreas: boolean;
  showThings: boolean;
  texts: MapTexts;
  /** Frame the areas rather than the buildings (a large jurisdiction, whose buildings load by viewport). */
  fitAreas?: boolean;
  /** A dark ground and labels for the big screen (领导驾驶舱); fixed for the map's life. */
  dark?: boolean;
  /**
   * Above this zoom the area fills and outlines are not drawn: a city's 1,400 overlapping
   * translucent boxes, each filling the screen once zoomed in, cost ~1 fps in software WebGL.
   */
  areasMaxZoom?: number;
  /** The view after each move (and once loaded): its bounding box (west,south,east,north) and zoom. */
  onView?: (view: { bounds: [number, number, number, number]; zoom: number }) => void;
}) {
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibre | null>(null);
  const [ready, setReady] = useState(false);
  const selectRef = useRef(onSelect);
  const viewRef = useRef(onView);
  const textsRef = useRef(texts);
  const fittedKey = useRef<string | undefined>(undefined);
  const labelMarkers = useRef<Marker[]>([]);

  useEffect(() => {
    selectRef.current = onSelect;
    textsRef.current = texts;
    viewRef.current = onView;
  }, [onSelect, texts, onView]);

  // One map for the page's life; data and paint change through the effects below.
  useEffect(() => {
    if (!container.current) return;
    const map = new MapLibre({
      container: container.current,
      style: baseStyle(config, dark ? 'dark' : 'light'),
      center: lngLat(config.center),
      zoom: config.zoom,
      pitch: 50,
      bearing: -17,
      maxPitch: 70,
      attributionControl: config.tileAttribution ? { compact: true } : false,
    });
    map.addControl(new NavigationControl({ visualizePitch: true }), 'top-right');
    map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-left');

    map.on('load', () => {
      map.addSource('areas', { type: 'geojson', data: EMPTY });
      // No simplification: at a city's zoom a building is smaller than the default tolerance and
      // would be dropped from the tiles; footprints are a handful of vertices anyway.
      map.addSource('buildings', { type: 'geojson', data: EMPTY, tolerance: 0 });
      map.addSource('things', { type: 'geojson', data: EMPTY });
      map.addLayer({
        id: 'areas-fill',
        type: 'fill',
        source: 'areas',
        paint: {
          'fill-color': ['match', ['get', 'level'], 'grid', '#13c2c2', dark ? '#4096ff' : '#1d5bd8'],
          'fill-opacity': ['match', ['get', 'level'], 'grid', 0.1, 0.06],
        },
      });
      map.addLayer({
        id: 'areas-line',
        type: 'line',
        source: 'areas',
        paint: {
          'line-color': ['match', ['get', 'level'], 'grid', dark ? '#36cfc9' : '#08979c', dark ? '#69b1ff' : '#1d5bd8'],
          'line-width': ['match', ['get', 'level'], 'grid', 1.5, 2],
          'line-dasharray': [3, 2],
        },
      });
      map.addLayer({
        id: 'buildings-3d',
        type: 'fill-extrusion',
        source: 'buildings',
        paint: {
          'fill-extrusion-color': colorExpression(1),
          'fill-extrusion-height': ['to-number', ['get', 'height'], 3],
          'fill-extrusion-base': 0,
          // Opaque: MapLibre draws translucent extrusions twice (depth, then colour) every frame.
          'fill-extrusion-opacity': 1,
          'fill-extrusion-vertical-gradient': true,
        },
      });
      map.addLayer({
        id: 'things',
        type: 'circle',
        source: 'things',
        paint: {
          'circle-color': thingColorExpression(),
          'circle-radius': ['interpolate', ['linear'], ['zoom'], 12, 3, 18, 8],
          'circle-stroke-color': '#ffffff',
          'circle-stroke-width': 1.5,
        },
      });
      setReady(true);
      reportView();
    });
    const reportView = () => {
      const b = map.getBounds();
      viewRef.current?.({ bounds: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], zoom: map.getZoom() });
    };
    map.on('moveend', reportView);

    const hover = new Popup({ closeButton: false, closeOnClick: false, offset: 8, className: 'map-hover' });
    map.on('mousemove', 'buildings-3d', (e) => {
      map.getCanvas().style.cursor = 'pointer';
      const p = e.features?.[0]?.properties as BuildingProps | undefined;
      if (!p) return;
      const box = el('div', 'map-tip');
      box.append(el('strong', '', [p.estateName, p.name].filter(Boolean).join(' ')));
      box.append(el('div', 'map-tip-sub', textsRef.current.floors(p.floors)));
      hover.setLngLat(e.lngLat).setDOMContent(box).addTo(map);
    });
    map.on('mouseleave', 'buildings-3d', () => {
      map.getCanvas().style.cursor = '';
      hover.remove();
    });
    map.on('mouseenter', 'things', () => (map.getCanvas().style.cursor = 'pointer'));
    map.on('mouseleave', 'things', () => (map.getCanvas().style.cursor = ''));

    map.on('click', (e) => {
      const hits: MapGeoJSONFeature[] = map.getLayer('things') ? map.queryRenderedFeatures(e.point, { layers: ['things', 'buildings-3d'] }) : [];
      const thing = hits.find((f) => f.layer.id === 'things');
      if (thing) {
        const p = thing.properties as { name: string; kind: string; status: string };
        const box = el('div', 'map-tip');
        box.append(el('strong', '', p.name));
        box.append(el('div', 'map-tip-sub', `${textsRef.current.thingKind(p.kind)} · ${textsRef.current.thingStatus(p.status)}`));
        new Popup({ offset: 10 }).setLngLat(e.lngLat).setDOMContent(box).addTo(map);
        return;
      }
      const building = hits.find((f) => f.layer.id === 'buildings-3d');
      selectRef.current(building ? (building.properties as BuildingProps) : null);
    });

    const resize = new ResizeObserver(() => map.resize());
    resize.observe(container.current);
    mapRef.current = map;
    // For browser tests (e2e/registry.e2e.ts): buildings on the WebGL canvas are found by map.project.
    (window as { __linliMap?: MapLibre }).__linliMap = map;
    return () => {
      resize.disconnect();
      hover.remove();
      map.remove();
      delete (window as { __linliMap?: MapLibre }).__linliMap;
      mapRef.current = null;
      setReady(false);
    };
    // The map is made once per config; later changes go through the effects below.
  }, [config]);

  // Data.
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    map.getSource<GeoJSONSource>('buildings')?.setData(layers?.buildings ?? EMPTY);
    map.getSource<GeoJSONSource>('areas')?.setData(layers?.areas ?? EMPTY);
    map.getSource<GeoJSONSource>('things')?.setData(layers?.things ?? EMPTY);
  }, [ready, layers]);

  // Colour by the measure, the selected building standing out.
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    map.setPaintProperty('buildings-3d', 'fill-extrusion-color', colorWithSelection(colorMax, selectedId));
  }, [ready, colorMax, selectedId]);

  // Area names as HTML labels: text layers would need a glyph server, and none may be reached.
  // Each label is a DOM element moved on every frame: only those in view are drawn, at most
  // MAX_LABELS, and none over another (placeLabels) — a zoomed-out view keeps one name per place.
  useEffect(() => {
    const map = mapRef.current;
    const clear = () => {
      labelMarkers.current.forEach((m) => m.remove());
      labelMarkers.current = [];
    };
    clear();
    if (!ready || !map || !showAreas || !layers) return;
    const labels = layers.areas.features.flatMap((a) => {
      const b = boundsOf([a.geometry.coordinates[0] ?? []]);
      return b ? [{ name: a.properties.name, grid: a.properties.level === 'grid', at: [b[0], b[3]] as [number, number] }] : [];
    });
    const draw = () => {
      clear();
      const canvas = map.getCanvas();
      const view = { width: canvas.clientWidth, height: canvas.clientHeight };
      const candidates = labels.map((l) => {
        const p = map.project(l.at);
        // a grid's label hangs below its corner, a community's sits above it (the anchors below)
        return { item: l, text: l.name, rank: l.grid ? 1 : 0, x: p.x, y: l.grid ? p.y + 24 : p.y };
      });
      for (const { item: l } of placeLabels(candidates, view, MAX_LABELS)) {
        const label = el('div', l.grid ? 'map-area-label map-area-label-grid' : 'map-area-label', l.name);
        const marker = new Marker({ element: label, anchor: l.grid ? 'top-left' : 'bottom-left', offset: l.grid ? [4, 4] : [0, -2] })
          .setLngLat(l.at)
          .addTo(map);
        labelMarkers.current.push(marker);
      }
    };
    draw();
    map.on('moveend', draw);
    return () => {
      map.off('moveend', draw);
      clear();
    };
  }, [ready, layers, showAreas]);

  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    const vis = (on: boolean) => (on ? 'visible' : 'none');
    map.setLayoutProperty('areas-fill', 'visibility', vis(showAreas));
    map.setLayoutProperty('areas-line', 'visibility', vis(showAreas));
    map.setLayoutProperty('things', 'visibility', vis(showThings));
  }, [ready, showAreas, showThings]);

  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    // Zoomed out over a large jurisdiction its 1 400 communities' boxes overlap many times over and
    // their dashed outlines were most of the frame (over the city in software WebGL: 1.7 fps with
    // them, 5.7 fps without, with all 40 k buildings drawn): areas are drawn once a street fills the view.
    map.setLayerZoomRange('areas-fill', areasMaxZoom ? AREA_MIN_ZOOM : 0, areasMaxZoom ?? 24);
    map.setLayerZoomRange('areas-line', areasMaxZoom ? AREA_MIN_ZOOM : 0, areasMaxZoom ?? 24);
  }, [ready, areasMaxZoom]);

  // Frame the data when it is for a new place.
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map || !layers || fitKey === undefined || fitKey === fittedKey.current) return;
    fittedKey.current = fitKey;
    const rings = fitAreas ? [] : layers.buildings.features.map((f) => f.geometry.coordinates[0] ?? []);
    const b = boundsOf(rings.length ? rings : layers.areas.features.map((f) => f.geometry.coordinates[0] ?? []));
    if (b) map.fitBounds(b, { padding: 80, pitch: 50, bearing: -17, maxZoom: 17.5, duration: 0 });
  }, [ready, layers, fitKey, fitAreas]);

  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map || !focus) return;
    map.fitBounds(focus.bounds, { padding: 80, pitch: 50, bearing: map.getBearing(), maxZoom: 18, duration: 600 });
  }, [ready, focus]);

  return <div ref={container} className={dark ? 'registry-map registry-map-dark' : 'registry-map'} data-ready={ready ? 'true' : 'false'} />;
}
