import { lazy, Suspense } from 'react';
import { createBrowserRouter } from 'react-router-dom';
import { ForcedPasswordPage } from '../features/auth/pages/ForcedPasswordPage';
import { LoginPage } from '../features/auth/pages/LoginPage';
import { AppLayout } from '../features/shell/AppLayout';
import { NotFound, RequireAuth, RequirePermission } from './guards';
import { modules } from './modules';
import { PERM } from './permissions';
import { CHANGE_PASSWORD_PATH, LOGIN_PATH } from './paths';

/** 入户调查: the grid worker's phone app, outside the desktop shell; it works offline (its own session check). */
const SurveyApp = lazy(() => import('../features/survey/pages/SurveyApp').then((m) => ({ default: m.SurveyApp })));
/** 护理员工作台: the caregiver's phone page, outside the desktop shell like the survey. */
const CareApp = lazy(() => import('../features/care/pages/CareApp').then((m) => ({ default: m.CareApp })));

/** 领导驾驶舱 full screen (1920×1080), outside the shell. */
const CockpitFull = lazy(() => import('../features/analysis/pages/CockpitPage').then((m) => ({ default: m.CockpitFullPage })));

/** Routes: /login is public; everything else needs a session; module routes come from the registry. */
export const router = createBrowserRouter([
  { path: LOGIN_PATH, element: <LoginPage /> },
  // listed before the shell so /survey opens the phone app, not the module's route inside the shell
  { path: '/survey', element: <Suspense><SurveyApp /></Suspense> },
  { path: '/survey/*', element: <Suspense><SurveyApp /></Suspense> },
  { path: '/care/app', element: <Suspense><CareApp /></Suspense> },
  { path: '/care/app/*', element: <Suspense><CareApp /></Suspense> },
  {
    element: <RequireAuth />,
    children: [
      { path: CHANGE_PASSWORD_PATH, element: <ForcedPasswordPage /> },
      { path: '/cockpit', element: <RequirePermission permission={PERM.analysisRead}><Suspense><CockpitFull /></Suspense></RequirePermission> },
      {
        element: <AppLayout />,
        children: [
          ...modules.flatMap(({ path, permission, whilePending, page, subPages = [] }) =>
            [{ path, page }, ...subPages].map(({ path: route, page: Page }) => ({
              path: route,
              element: (
                <RequirePermission permission={permission} whilePending={whilePending}>
                  <Page />
                </RequirePermission>
              ),
            })),
          ),
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
]);
