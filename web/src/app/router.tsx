// Builds the router from the section table: "/" opens the first section;
// sections for signed-in users or staff are wrapped in their guard; bare
// sections (the watch view) render without the app frame.
import { Navigate, createBrowserRouter, type RouteObject } from "react-router";
import { RequireAuth, RequireStaff } from "../auth/guards";
import { Layout } from "./Layout";
import { NotFound } from "./NotFound";
import { sections, type Section } from "./sections";

function sectionRoute(s: Section): RouteObject {
  const access = s.access ?? "public";
  if (access === "public") return { path: s.path, children: s.routes };
  const element = access === "staff" ? <RequireStaff /> : <RequireAuth />;
  return { path: s.path, element, children: s.routes };
}

/** routesFor turns the section table into the route tree. */
export function routesFor(list: readonly Section[]): RouteObject[] {
  const home = list[0]?.path ?? "/";
  return [
    ...list.filter((s) => s.bare).map(sectionRoute),
    {
      path: "/",
      element: <Layout />,
      children: [
        ...(home !== "/" ? [{ index: true, element: <Navigate to={home} replace /> }] : []),
        ...list.filter((s) => !s.bare).map(sectionRoute),
        { path: "*", element: <NotFound /> },
      ],
    },
  ];
}

/** createAppRouter returns the browser router for all sections. */
export function createAppRouter() {
  return createBrowserRouter(routesFor(sections));
}
