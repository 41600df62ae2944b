package org.loupe.app.clusters;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Polyline;
import javafx.scene.shape.Rectangle;

/**
 * The cluster map: every point drawn into one pixel buffer by {@link PointRenderer} and written into an
 * image with a single {@code PixelWriter} call, then drawn on a canvas (tens of thousands of points in a
 * few milliseconds). Scroll zooms around the cursor, drag pans, Shift+drag draws a lasso whose points become
 * the selection, hovering shows the nearest document, clicking opens it in the inspector. Keys: + and −
 * zoom, arrows pan, 0 fits, Esc clears the selection. Unselected points fade while something is selected.
 * The background, lasso, marker and hover box are styled by the theme; only the data colours are drawn.
 */
public final class ClusterCanvas extends Region {
    /** Pixels around the cursor within which a point counts as hovered or clicked. */
    static final double PICK_RADIUS = 10;
    private static final double MARGIN = 16;
    private static final double DRAG_THRESHOLD = 3;

    private final ClustersViewModel model;
    private final Canvas canvas = new Canvas();
    private final Polyline lasso = new Polyline();
    private final Circle marker = new Circle(6);
    private final Label hover = new Label();

    private WritableImage image;
    private int[] buffer = new int[0];
    private int width;
    private int height;
    private Viewport viewport = new Viewport(0, 0, 1);
    private boolean fitted;
    /** Whether the user zoomed or panned since the last fit (then a resize keeps their view). */
    private boolean moved;
    /** The scale of the last fit: point sizes grow with the zoom beyond it. */
    private double fitScale = 1;
    private int[] argb;
    private int[] order;
    private int hovered = -1;
    private double hoverX;
    private double hoverY;

    private double lastX;
    private double lastY;
    private boolean lassoing;
    private final List<double[]> lassoVertices = new ArrayList<>();

    public ClusterCanvas(ClustersViewModel model) {
        this.model = model;
        getStyleClass().add("cluster-canvas");
        setFocusTraversable(true);
        setMinSize(100, 100);
        lasso.getStyleClass().add("cluster-lasso");
        lasso.setManaged(false);
        lasso.setMouseTransparent(true);
        marker.getStyleClass().add("cluster-marker");
        marker.setManaged(false);
        marker.setMouseTransparent(true);
        marker.setVisible(false);
        hover.getStyleClass().add("cluster-hover");
        hover.setId("clusters-hover");
        hover.setManaged(false);
        hover.setMouseTransparent(true);
        hover.setWrapText(true);
        hover.setMaxWidth(380);
        hover.setVisible(false);
        hover.textProperty().bind(model.hoverTextProperty());
        // The opening of the hovered document's text arrives a moment after its id (it is read in the background).
        hover.textProperty().addListener((o, a, t) -> placeHover());
        getChildren().addAll(canvas, lasso, marker, hover);
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(widthProperty());
        clip.heightProperty().bind(heightProperty());
        setClip(clip);

        model.pointsProperty().addListener((o, a, p) -> {
            fitted = false;
            hideHover();
            recolour();
            fit();
        });
        model.colouringProperty().addListener((o, a, c) -> {
            recolour();
            redraw();
        });
        model.selectedPointsProperty().addListener((o, a, s) -> {
            recolour();
            redraw();
        });

        addEventHandler(ScrollEvent.SCROLL, this::onScroll);
        addEventHandler(MouseEvent.MOUSE_PRESSED, this::onPressed);
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::onDragged);
        addEventHandler(MouseEvent.MOUSE_RELEASED, this::onReleased);
        addEventHandler(MouseEvent.MOUSE_CLICKED, this::onClicked);
        addEventHandler(MouseEvent.MOUSE_MOVED, e -> updateHover(e.getX(), e.getY()));
        addEventHandler(MouseEvent.MOUSE_EXITED, e -> hideHover());
        addEventHandler(KeyEvent.KEY_PRESSED, this::onKey);
    }

    // What tests and the view read

    /** The image the last frame was written into (null before the canvas has a size). */
    public WritableImage image() {
        return image;
    }

    /** Pixels of the last frame that a point covers. */
    public int paintedPixels() {
        int n = 0;
        for (int i = 0; i < width * height; i++) {
            if (buffer[i] >>> 24 != 0) {
                n++;
            }
        }
        return n;
    }

    public Viewport viewport() {
        return viewport;
    }

    /** The point under a canvas position (within {@value #PICK_RADIUS} pixels), or -1. */
    public int pointAt(double sx, double sy) {
        return model.nearest(viewport.dataX(sx), viewport.dataY(sy), PICK_RADIUS / viewport.scale());
    }

    /** Shows every point. */
    public void fit() {
        MapPoints p = model.pointsProperty().get();
        if (p != null && width > 0 && height > 0) {
            viewport = Viewport.fit(p.x(), p.y(), width, height, MARGIN);
            fitScale = viewport.scale();
            fitted = true;
            moved = false;
        }
        redraw();
    }

    // Layout and drawing

    @Override
    protected void layoutChildren() {
        int w = (int) Math.floor(getWidth());
        int h = (int) Math.floor(getHeight());
        if (w != width || h != height) {
            resizeTo(w, h);
        }
        double hw = Math.min(Math.min(hover.getMaxWidth(), width - 8.0), hover.prefWidth(-1));
        hover.resize(hw, hover.prefHeight(hw));
    }

    private void resizeTo(int w, int h) {
        double oldW = width;
        double oldH = height;
        width = Math.max(0, w);
        height = Math.max(0, h);
        canvas.setWidth(width);
        canvas.setHeight(height);
        if (width == 0 || height == 0) {
            image = null;
            return;
        }
        image = new WritableImage(width, height);
        buffer = new int[width * height];
        if (fitted && moved && oldW > 0 && oldH > 0) {
            // keep the centre of the user's view where it was
            viewport = viewport.pan((width - oldW) / 2, (height - oldH) / 2);
        }
        if (!fitted || !moved) {
            // An untouched map follows the pane: it fills it again.
            fit();
        } else {
            redraw();
        }
    }

    /** The colours and drawing order: the selection over faded others when something is selected. */
    private void recolour() {
        Colouring c = model.colouringProperty().get();
        MapPoints p = model.pointsProperty().get();
        if (c == null || p == null || c.argb().length != p.size()) {
            argb = null;
            order = null;
            return;
        }
        int[] selection = model.selectedPointsProperty().get();
        if (selection == null) {
            argb = c.argb();
            order = null;
            return;
        }
        int n = p.size();
        int[] colours = new int[n];
        boolean[] selected = new boolean[n];
        for (int i : selection) {
            selected[i] = true;
        }
        int[] o = new int[n];
        int front = n - selection.length;
        int back = 0;
        for (int i = 0; i < n; i++) {
            if (selected[i]) {
                colours[i] = c.argb()[i];
                o[front++] = i;
            } else {
                colours[i] = ClusterPalette.faint(c.argb()[i]);
                o[back++] = i;
            }
        }
        argb = colours;
        order = o;
    }

    /** Point side in pixels: bigger when there are few points. */
    private static int pointSize(int n) {
        return n <= 2_000 ? 4 : n <= 20_000 ? 3 : 2;
    }

    /** The point size at a zoom: the base size at the fitted view, growing with the root of the zoom, up to 12 px. */
    static int pointSize(int n, double zoom) {
        int base = pointSize(n);
        return (int) Math.round(Math.max(base, Math.min(12, base * Math.sqrt(Math.max(1, zoom)))));
    }

    /** Renders the points into the buffer, writes it into the image in one call and draws it. */
    void redraw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
        MapPoints p = model.pointsProperty().get();
        if (image == null || width == 0 || height == 0) {
            return;
        }
        if (p == null || argb == null) {
            java.util.Arrays.fill(buffer, 0);
            lasso.getPoints().clear();
            marker.setVisible(false);
            return;
        }
        PointRenderer.render(p.x(), p.y(), argb, order, viewport, pointSize(p.size(), viewport.scale() / fitScale), width,
                height, 0, buffer);
        image.getPixelWriter().setPixels(0, 0, width, height, PixelFormat.getIntArgbInstance(), buffer, 0, width);
        g.drawImage(image, 0, 0);
        placeMarker();
        placeLasso();
    }

    private void placeMarker() {
        MapPoints p = model.pointsProperty().get();
        if (p == null || hovered < 0 || hovered >= p.size()) {
            marker.setVisible(false);
            return;
        }
        marker.setCenterX(viewport.screenX(p.x()[hovered]));
        marker.setCenterY(viewport.screenY(p.y()[hovered]));
        marker.setVisible(true);
    }

    private void placeLasso() {
        List<Double> screen = new ArrayList<>(lassoVertices.size() * 2 + 2);
        for (double[] v : lassoVertices) {
            screen.add(viewport.screenX(v[0]));
            screen.add(viewport.screenY(v[1]));
        }
        if (lassoVertices.size() > 2) {
            screen.add(screen.get(0));
            screen.add(screen.get(1));
        }
        lasso.getPoints().setAll(screen);
    }

    // Interaction

    private void zoom(double factor, double sx, double sy) {
        viewport = viewport.zoom(factor, sx, sy);
        moved = true;
        hideHover();
        redraw();
    }

    private void pan(double dx, double dy) {
        viewport = viewport.pan(dx, dy);
        moved = true;
        redraw();
    }

    private void onScroll(ScrollEvent e) {
        if (e.getDeltaY() != 0) {
            zoom(Math.exp(e.getDeltaY() * 0.0025), e.getX(), e.getY());
        }
        e.consume();
    }

    private void onPressed(MouseEvent e) {
        requestFocus();
        lastX = e.getX();
        lastY = e.getY();
        lassoing = e.getButton() == MouseButton.PRIMARY && e.isShiftDown();
        lassoVertices.clear();
        if (lassoing) {
            lassoVertices.add(new double[] {viewport.dataX(e.getX()), viewport.dataY(e.getY())});
            hideHover();
            placeLasso();
        }
    }

    private void onDragged(MouseEvent e) {
        double dx = e.getX() - lastX;
        double dy = e.getY() - lastY;
        if (lassoing) {
            if (Math.hypot(dx, dy) >= DRAG_THRESHOLD) {
                lassoVertices.add(new double[] {viewport.dataX(e.getX()), viewport.dataY(e.getY())});
                lastX = e.getX();
                lastY = e.getY();
                placeLasso();
            }
        } else if (e.getButton() == MouseButton.PRIMARY || e.getButton() == MouseButton.MIDDLE) {
            lastX = e.getX();
            lastY = e.getY();
            hideHover();
            pan(dx, dy);
        }
        e.consume();
    }

    private void onReleased(MouseEvent e) {
        if (lassoing) {
            lassoing = false;
            if (lassoVertices.size() >= 3) {
                double[] xs = new double[lassoVertices.size()];
                double[] ys = new double[lassoVertices.size()];
                for (int i = 0; i < xs.length; i++) {
                    xs[i] = lassoVertices.get(i)[0];
                    ys[i] = lassoVertices.get(i)[1];
                }
                model.selectPolygon(xs, ys);
            }
            lassoVertices.clear();
            placeLasso();
        }
    }

    private void onClicked(MouseEvent e) {
        if (e.getButton() != MouseButton.PRIMARY || !e.isStillSincePress() || e.isShiftDown()) {
            return;
        }
        if (e.getClickCount() == 2) {
            fit();
            return;
        }
        int point = pointAt(e.getX(), e.getY());
        if (point >= 0) {
            model.openPoint(point);
        }
    }

    private void onKey(KeyEvent e) {
        double cx = width / 2.0;
        double cy = height / 2.0;
        KeyCode k = e.getCode();
        switch (k) {
            case PLUS, EQUALS, ADD -> zoom(1.25, cx, cy);
            case MINUS, SUBTRACT -> zoom(0.8, cx, cy);
            case LEFT -> pan(40, 0);
            case RIGHT -> pan(-40, 0);
            case UP -> pan(0, 40);
            case DOWN -> pan(0, -40);
            case DIGIT0, NUMPAD0, HOME -> fit();
            case ESCAPE -> model.clearSelection();
            default -> {
                return;
            }
        }
        e.consume();
    }

    private void updateHover(double sx, double sy) {
        int point = lassoing ? -1 : pointAt(sx, sy);
        hoverX = sx;
        hoverY = sy;
        if (point != hovered) {
            hovered = point;
            model.hover(point);
            hover.setVisible(point >= 0);
            placeMarker();
        }
        placeHover();
    }

    private void placeHover() {
        if (hover.isVisible()) {
            double w = Math.min(Math.min(hover.getMaxWidth(), width - 8.0), hover.prefWidth(-1));
            double h = hover.prefHeight(w);
            hover.resize(w, h);
            double x = hoverX + 14 + w > width ? Math.max(0, hoverX - 14 - w) : hoverX + 14;
            double y = hoverY + 14 + h > height ? Math.max(0, hoverY - 14 - h) : hoverY + 14;
            hover.relocate(x, y);
        }
    }

    private void hideHover() {
        if (hovered >= 0) {
            model.hover(-1);
        }
        hovered = -1;
        hover.setVisible(false);
        marker.setVisible(false);
    }
}
