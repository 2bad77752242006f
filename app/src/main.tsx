import "./polyfills";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter } from "react-router-dom";
import { AppConfigProvider } from "./config";
import { WalletProviders } from "./wallet/WalletProviders";
import { App } from "./App";
import "./styles.css";

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <AppConfigProvider>
      <WalletProviders>
        <BrowserRouter>
          <App />
        </BrowserRouter>
      </WalletProviders>
    </AppConfigProvider>
  </StrictMode>,
);
