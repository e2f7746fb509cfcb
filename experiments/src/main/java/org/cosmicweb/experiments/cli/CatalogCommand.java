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
        if (!catalog.isSuite()) {
            System.out.println(CatalogSummary.json(catalog.load()));
            return;
        }
        org.cosmicweb.simulations.CatalogSuite s = catalog.loadSuite(catalog.graphNodes(), catalog.cuts());
        catalog.boxFeatures(s.parameters()); // names the parameter table lacks are refused here, as train refuses them
        System.out.println(CatalogSummary.json(s));
    }
}
