// The district's townships (streets) and their villages (communities), as the form's cascade.
export interface Place {
  id: string;
  name: string;
  kind: string;
  villages: { id: string; name: string; kind: string }[];
}

export interface CascadeOption {
  text: string;
  value: string;
  children?: CascadeOption[];
}

export function cascadeOf(places: Place[]): CascadeOption[] {
  return places.map((p) => ({
    text: p.name,
    value: p.id,
    children: p.villages.map((v) => ({ text: v.name, value: v.id })),
  }));
}

/** "鼎山镇 / 黄梁村" for the chosen township and village. */
export function placeLabel(places: Place[], townshipId: string | undefined, villageId: string | undefined): string {
  const township = places.find((p) => p.id === townshipId);
  if (township === undefined) return '';
  const village = township.villages.find((v) => v.id === villageId);
  return village === undefined ? township.name : `${township.name} / ${village.name}`;
}
