// Builds the router from the section table: "/" opens the first section.
import { Navigate, createBrowserRouter, type RouteObject } from "react-router";
import { Layout } from "./Layout";
import { NotFound } from "./NotFound";
import { sections, type Section } from "./sections";

/** routesFor turns the section table into the route tree. */
export function routesFor(list: readonly Section[]): RouteObject[] {
  const home = list[0]?.path ?? "/";
  return [
    {
      path: "/",
      element: <Layout />,
      children: [
        ...(home !== "/" ? [{ index: true, element: <Navigate to={home} replace /> }] : []),
        ...list.map((s) => ({ path: s.path, children: s.routes })),
        { path: "*", element: <NotFound /> },
      ],
    },
  ];
}

/** createAppRouter returns the browser router for all sections. */
export function createAppRouter() {
  return createBrowserRouter(routesFor(sections));
}
