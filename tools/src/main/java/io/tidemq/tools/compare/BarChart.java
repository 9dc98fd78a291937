package io.tidemq.tools.compare;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** A grouped bar chart (one bar per system in each group) written as PNG with Java2D, headless. */
final class BarChart {
    private static final Color[] COLORS = {new Color(0x4C78A8), new Color(0x72B7B2), new Color(0xF58518)};

    private BarChart() {
    }

    /**
     * @param groups  labels along the x axis
     * @param series  names of the bars in each group (e.g. the two systems)
     * @param values  values[series][group]
     */
    static void write(Path file, String title, String yLabel, List<String> groups, List<String> series,
                      double[][] values) throws IOException {
        System.setProperty("java.awt.headless", "true");
        int w = 900;
        int h = 500;
        int left = 90;
        int right = 30;
        int top = 60;
        int bottom = 80;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        double max = 0;
        for (double[] s : values) {
            for (double v : s) {
                max = Math.max(max, v);
            }
        }
        max = max <= 0 ? 1 : max * 1.15;
        int plotH = h - top - bottom;
        int plotW = w - left - right;
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        g.drawString(title, left, 30);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.setColor(new Color(0xDDDDDD));
        for (int i = 0; i <= 5; i++) {
            int y = top + plotH - plotH * i / 5;
            g.drawLine(left, y, left + plotW, y);
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.format(Locale.ROOT, "%.0f", max * i / 5), 10, y + 4);
            g.setColor(new Color(0xDDDDDD));
        }
        g.setColor(Color.DARK_GRAY);
        g.drawString(yLabel, 10, top - 10);
        int groupW = plotW / Math.max(1, groups.size());
        int barW = Math.max(8, (groupW - 30) / Math.max(1, series.size()));
        for (int gi = 0; gi < groups.size(); gi++) {
            int x0 = left + gi * groupW + 15;
            for (int si = 0; si < series.size(); si++) {
                double v = values[si][gi];
                int bh = (int) (plotH * v / max);
                g.setColor(COLORS[si % COLORS.length]);
                g.fillRect(x0 + si * barW, top + plotH - bh, barW - 4, bh);
                g.setColor(Color.BLACK);
                g.drawString(String.format(Locale.ROOT, v >= 100 ? "%.0f" : "%.2f", v), x0 + si * barW,
                        top + plotH - bh - 4);
            }
            g.drawString(groups.get(gi), x0, top + plotH + 20);
        }
        g.setStroke(new BasicStroke(1));
        g.drawLine(left, top + plotH, left + plotW, top + plotH);
        for (int si = 0; si < series.size(); si++) {
            g.setColor(COLORS[si % COLORS.length]);
            g.fillRect(left + si * 180, h - 30, 14, 14);
            g.setColor(Color.BLACK);
            g.drawString(series.get(si), left + si * 180 + 20, h - 18);
        }
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }
}
