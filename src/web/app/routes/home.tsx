import { Overview } from '../../features/overview/components/home-page';

export function HomePage() {
  return <Overview />;
}
