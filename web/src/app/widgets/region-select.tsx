import { Select } from 'antd';
import type { SelectProps } from 'antd';
import { type Region, useRegions } from '../regions';

/**
 * A region picker: names in the reader's language with their code ("嘉善县（330421）"), searchable by either;
 * `only` limits the choice (cities only, G60 host cities, Jiaxing districts…).
 */
export function RegionSelect({ only, ...props }: SelectProps<string> & { only?: (region: Region) => boolean }) {
  const regions = useRegions();
  return <Select showSearch optionFilterProp="label" {...props} options={regions.options(only)} />;
}
