import { createBrowserRouter } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { FullWindowFallback, LayoutFallback, RootLayout } from './layout/app-layout';
import { paths } from './paths';
import { NotFoundPage } from './routes/not-found';
import { RootErrorBoundary, RouteErrorBoundary } from './routes/route-error';

// Pages load lazily so each route is its own chunk; the layout and error pages stay in the entry
// chunk because they must render even when a page's chunk fails to load.
const router = createBrowserRouter([
  // Full-window log pages bring their own slim header instead of the site layout.
  {
    path: paths.sessionLogsFull.path,
    HydrateFallback: FullWindowFallback,
    ErrorBoundary: RootErrorBoundary,
    lazy: async () => ({ Component: (await import('./routes/session-logs')).SessionLogsFullPage }),
  },
  {
    path: paths.logsCompare.path,
    HydrateFallback: FullWindowFallback,
    ErrorBoundary: RootErrorBoundary,
    lazy: async () => ({ Component: (await import('./routes/logs-compare')).LogsComparePage }),
  },
  {
    path: paths.home.path,
    Component: RootLayout,
    HydrateFallback: LayoutFallback,
    ErrorBoundary: RootErrorBoundary,
    children: [
      {
        // Pathless, so a failing page renders its error inside the layout.
        ErrorBoundary: RouteErrorBoundary,
        children: [
          { index: true, lazy: async () => ({ Component: (await import('./routes/home')).HomePage }) },
          {
            path: paths.agents.path,
            lazy: async () => ({ Component: (await import('./routes/agents')).AgentsPage }),
          },
          {
            path: paths.agent.path,
            lazy: async () => ({ Component: (await import('./routes/agent')).AgentPage }),
          },
          {
            path: paths.sessions.path,
            lazy: async () => ({ Component: (await import('./routes/sessions')).SessionsPage }),
          },
          {
            path: paths.session.path,
            lazy: async () => ({ Component: (await import('./routes/session')).SessionPage }),
            children: [
              {
                index: true,
                lazy: async () => ({ Component: (await import('./routes/session')).SessionOverviewSection }),
              },
              {
                path: paths.sessionFiles.path,
                lazy: async () => ({ Component: (await import('./routes/session-files')).SessionFilesPage }),
              },
              {
                path: paths.sessionLogs.path,
                lazy: async () => ({ Component: (await import('./routes/session-logs')).SessionLogsSection }),
              },
              {
                path: paths.sessionPlayground.path,
                lazy: async () => ({
                  Component: (await import('./routes/session-playground')).SessionPlaygroundSection,
                }),
              },
              {
                path: paths.sessionHistory.path,
                lazy: async () => ({
                  Component: (await import('./routes/session-history')).SessionHistorySection,
                }),
              },
            ],
          },
          {
            path: paths.settings.path,
            lazy: async () => ({ Component: (await import('./routes/settings')).SettingsPage }),
          },
          {
            path: paths.activity.path,
            lazy: async () => ({ Component: (await import('./routes/activity')).ActivityPage }),
          },
          { path: '*', Component: NotFoundPage },
        ],
      },
    ],
  },
]);

export function AppRouter() {
  return <RouterProvider router={router} />;
}
