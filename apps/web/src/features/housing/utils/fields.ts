/**
 * 变更记录 field names of the housing records, in the order a reader expects them. The change log
 * names stored columns (camelCased); the keys here are those names.
 */
export const ESTATE_FIELDS = {
  name: 'housing.estate.name',
  address: 'housing.estate.address',
  propertyCompany: 'housing.estate.propertyCompany',
  path: 'rec.jurisdictionCode',
} as const;

export const BUILDING_FIELDS = {
  name: 'housing.building.name',
  floors: 'housing.building.floors',
  unitCount: 'housing.building.unitCount',
  use: 'housing.building.use',
  builtYear: 'housing.building.builtYear',
  path: 'rec.jurisdictionCode',
} as const;

export const HOUSE_FIELDS = {
  unitNo: 'housing.house.unitNo',
  floor: 'housing.house.floor',
  number: 'housing.house.number',
  area: 'housing.house.area',
  use: 'housing.house.use',
  ownership: 'housing.house.ownership',
  shopName: 'housing.house.shopName',
  path: 'rec.jurisdictionCode',
} as const;
