package org.cosmicweb.experiments.cli;

import org.cosmicweb.simulations.CatalogSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "catalog", mixinStandardHelpOptions = true,
        description = "Load a catalog (or a suite of boxes), apply the cuts and print a one-line JSON summary.")
public final class CatalogCommand implements Runnable {
    @Mixin
    CatalogOptions catalog;

    @Override
    public void run() {
        System.out.println(catalog.isSuite()
                ? CatalogSummary.json(catalog.loadSuite(catalog.graphNodes(), catalog.cuts()))
                : CatalogSummary.json(catalog.load()));
    }
}
