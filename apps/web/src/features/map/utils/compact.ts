import type { AllBuildings, MapLayers } from '../types';

/**
 * Expands the column-packed buildings into the GeoJSON features every building layer uses, so
 * the map, its colours, hover and the building panel work the same for the city's 40 k.
 */
export function expandBuildings(c: AllBuildings['buildings']): MapLayers['buildings'] {
  const features: MapLayers['buildings']['features'] = new Array(c.id.length);
  for (let i = 0; i < c.id.length; i++) {
    const deltas = c.ring[i] ?? [];
    const ring: number[][] = [];
    let x = c.origin[0] ?? 0;
    let y = c.origin[1] ?? 0;
    for (let k = 0; k + 1 < deltas.length; k += 2) {
      x += deltas[k]!;
      y += deltas[k + 1]!;
      ring.push([x / c.scale, y / c.scale]);
    }
    const floors = c.floors[i]!;
    const estate = c.estate[i]!;
    features[i] = {
      type: 'Feature',
      id: c.id[i]!,
      geometry: { type: 'Polygon', coordinates: [ring] },
      properties: {
        id: c.id[i]!, name: c.name[i]!, estateName: estate < 0 ? null : (c.estates[estate] ?? null), floors, height: floors * c.floorHeight,
        use: c.uses[c.use[i]!] ?? '', houseCount: c.houses[i]!, residentCount: c.residents[i]!, value: c.value[i]!,
      },
    };
  }
  return { type: 'FeatureCollection', features };
}
